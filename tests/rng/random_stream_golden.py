#!/usr/bin/env python3
"""Independent reference for the golden values in random_stream_test.cc.

A from-scratch Python implementation of scheme "vev-rng-1" as documented in
lib/rng/random_stream.h (SplitMix64 keying, xoshiro256++, top-53-bit uniforms, Marsaglia's
polar method, Lemire's bounded integers, Fisher-Yates shuffle), written from the published
algorithm descriptions, not from the C++ code. Run once with `python3 random_stream_golden.py`;
its output is pasted into the test. Python's math.log and math.sqrt call the C library,
as std::log / std::sqrt do.
"""
import math

M64 = (1 << 64) - 1
GAMMA = 0x9E3779B97F4A7C15


def mix(x):
    """SplitMix64 output function, including the increment by the golden gamma."""
    x = (x + GAMMA) & M64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & M64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & M64
    return x ^ (x >> 31)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & M64


class Stream:
    def __init__(self, seed, key):
        h = mix(seed)
        for k in key:
            h = mix(h ^ k)
        self.s = [mix((h + i * GAMMA) & M64) for i in range(4)]
        self.spare = None

    def u64(self):
        s = self.s
        result = (rotl((s[0] + s[3]) & M64, 23) + s[0]) & M64
        t = (s[1] << 17) & M64
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return result

    def uniform01(self):
        return (self.u64() >> 11) * 2.0**-53

    def normal(self):
        if self.spare is not None:
            z, self.spare = self.spare, None
            return z
        while True:
            u = 2.0 * self.uniform01() - 1.0
            v = 2.0 * self.uniform01() - 1.0
            s = u * u + v * v
            if 0.0 < s < 1.0:
                break
        f = math.sqrt(-2.0 * math.log(s) / s)
        self.spare = v * f
        return u * f

    def uniform_int(self, n):
        m = self.u64() * n
        low = m & M64
        if low < n:
            threshold = (2**64 - n) % n
            while low < threshold:
                m = self.u64() * n
                low = m & M64
        return m >> 64

    def sign(self):
        return 1.0 if (self.u64() >> 63) else -1.0

    def shuffle(self, values):
        for i in range(len(values), 1, -1):
            j = self.uniform_int(i)
            values[i - 1], values[j] = values[j], values[i - 1]


def main():
    s = Stream(0, [])
    print("u64 (0, {}):", [hex(s.u64()) for _ in range(4)])
    s = Stream(20240611, [1, 2, 3])
    print("u64 (20240611, {1,2,3}):", [hex(s.u64()) for _ in range(4)])
    s = Stream(20240611, [1, 2, 3, 7])
    print("u64 (20240611, {1,2,3,7}):", [hex(s.u64()) for _ in range(4)])
    s = Stream(5, [9])
    print("uniform01 (5, {9}):", [s.uniform01().hex() for _ in range(3)])
    s = Stream(5, [9])
    print("normal (5, {9}):", [s.normal().hex() for _ in range(5)])
    s = Stream(5, [10])
    print("uniform_int(10) (5, {10}):", [s.uniform_int(10) for _ in range(8)])
    s = Stream(5, [10])
    print("uniform_int(3) (5, {10}):", [s.uniform_int(3) for _ in range(8)])
    s = Stream(5, [11])
    print("sign (5, {11}):", [s.sign() for _ in range(8)])
    s = Stream(5, [12])
    v = list(range(10))
    s.shuffle(v)
    print("shuffle 0..9 (5, {12}):", v)


if __name__ == "__main__":
    main()
