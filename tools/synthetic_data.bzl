"""`synthetic_mnist_split`: a synthetic MNIST split for tests, made by
//tools/data:make_synthetic_dataset (uniform random pixels and labels, canonical file
format, a manifest with checksums)."""

_MNIST_PREFIX = {"train": "train", "test": "t10k"}

def synthetic_mnist_split(name, split, samples, seed):
    """Declares `name` (the split's files under `name/`) and `name_manifest` (its manifest).

    Args:
      name: target name, also the output folder.
      split: "train" or "test".
      samples: number of images.
      seed: seed of the generator.
    """
    prefix = _MNIST_PREFIX[split]
    native.genrule(
        name = name,
        testonly = True,
        outs = [
            "%s/%s.manifest" % (name, split),
            "%s/mnist/%s-images-idx3-ubyte.gz" % (name, prefix),
            "%s/mnist/%s-labels-idx1-ubyte.gz" % (name, prefix),
        ],
        cmd = ("$(location //tools/data:make_synthetic_dataset) --dataset=mnist --split=%s " +
               "--samples=%d --seed=%d --out_dir=$(RULEDIR)/%s >/dev/null") %
              (split, samples, seed, name),
        tools = ["//tools/data:make_synthetic_dataset"],
    )
    native.filegroup(
        name = name + "_manifest",
        testonly = True,
        srcs = ["%s/%s.manifest" % (name, split)],
    )
