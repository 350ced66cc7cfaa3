"""Every dataset file, declared once: logical name, size, SHA-256 and canonical URLs.

Used by `vev_dataset_repository` (repositories.bzl). A split lists *variants* in order of
preference; the repository rule takes the first whose files can all be had, from the
offline folder `VEV_DATASETS_DIR` (layout of datasets/README.md) or from the extra local
folders listed, or, only when VEV_DATASETS_DIR is unset, by download. Every file is
checked against `sha256` (a list: the canonical value first, then any other accepted
encoding of the same content, each with its justification below).

Sources of the checksums (each cross-checked against at least one independent source):
- MNIST: the four canonical LeCun .gz files; md5 as published by torchvision, sha256 of the
  offline copy whose md5 values match (../shared/datasets/README.md).
- CIFAR-10: cifar-10-binary.tar.gz (170,052,171 bytes, md5 c32a1d4ab5d03f1284b67883e8d87530)
  sha256 c4a38c50...a1dd as listed by several independent download scripts; its members'
  sha256 (data_batch_1..5.bin, test_batch.bin) as listed by a CIFAR-10 loader that checks the
  extracted files; the five training batches' values equal our offline copies' sha256.
- Fashion-MNIST: canonical .gz sha256 from independent download scripts (their md5 values
  are the ones Zalando publishes). Debian's package dataset-fashion-mnist ships the same
  images re-compressed (different .gz bytes, gzip header time 2020-06-05): its .gz sha256
  values are accepted as second variants because their decompressed bytes have exactly the
  canonical uncompressed md5 values (f4a8712d... train images, 9018921c... train labels,
  8181f547... t10k images, 15d48437... t10k labels), as published by torchvision-style loaders.
"""

_MNIST_MIRRORS = [
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "http://yann.lecun.com/exdb/mnist/",
]

_FASHION_MIRRORS = [
    "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
    "https://github.com/zalandoresearch/fashion-mnist/raw/master/data/fashion/",
]

_CIFAR_ARCHIVE = {
    "name": "cifar-10-binary.tar.gz",
    "bytes": 170052171,
    "sha256": ["c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd"],
    "urls": ["https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"],
}

def _mnist_file(name, size, sha256):
    return {
        "name": "mnist/" + name,
        "bytes": size,
        "sha256": [sha256],
        "urls": [mirror + name for mirror in _MNIST_MIRRORS],
    }

def _fashion_file(name, size, sha256, debian_sha256):
    return {
        "name": "fashion-mnist/" + name,
        "bytes": size,
        "sha256": [sha256, debian_sha256],
        "urls": [mirror + name for mirror in _FASHION_MIRRORS],
    }

def _cifar_batch(name, sha256):
    # Taken from the folder, or (online) extracted at fetch time from the downloaded archive,
    # so that every load reads plain batch files (0.2 s for the training set, against ~3 s
    # when the 170 MB archive is decompressed at each load).
    return {
        "name": "cifar-10-batches-bin/" + name,
        "bytes": 30730000,
        "sha256": [sha256],
        "urls": [],
        "extract_from": _CIFAR_ARCHIVE,
    }

def _cifar_member(member):
    return dict(_CIFAR_ARCHIVE, member = "cifar-10-batches-bin/" + member)

_CIFAR_TRAIN_SHA256 = [
    "cee916563c9f80d84e3cc88e17fdc0941787f1244f00a67874d45b261883ada5",
    "a591ca11fa1708a91ee40f54b3da4784ccd871ecf2137de63f51ada8b3fa57ed",
    "bbe8596564c0f86427f876058170b84dac6670ddf06d79402899d93ceea26f67",
    "014e562d6e23c72197cc727519169a60359f5eccd8945ad5a09d710285ff4e48",
    "755304fc0b379caeae8c14f0dac912fbc7d6cd469eb67a1029a08a39453a9add",
]

_CIFAR_TEST_SHA256 = "8e2eb146ae340b09e24670f29cabc6326dba54da8789dab6768acf480273f65b"

# The offline copy holds only the first 1,000 canonical test images (datasets/README.md).
_CIFAR_TEST_PARTIAL = {
    "name": "cifar-10-test-partial/test_batch_first1000.bin",
    "bytes": 3073000,
    "sha256": ["8314c96d7cd65618193bab23acdd5d4c4af15bf6dd00a1781d55beedf3be1ef5"],
    "urls": [],
}

DATASETS = {
    "mnist": {
        "local_dirs": {},
        "splits": {
            "train": [{
                "samples": 60000,
                "note": "",
                "files": [
                    _mnist_file("train-images-idx3-ubyte.gz", 9912422, "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"),
                    _mnist_file("train-labels-idx1-ubyte.gz", 28881, "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"),
                ],
            }],
            "test": [{
                "samples": 10000,
                "note": "",
                "files": [
                    _mnist_file("t10k-images-idx3-ubyte.gz", 1648877, "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"),
                    _mnist_file("t10k-labels-idx1-ubyte.gz", 4542, "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"),
                ],
            }],
        },
    },
    "fashion_mnist": {
        # Debian's dataset-fashion-mnist package, searched after VEV_DATASETS_DIR.
        "local_dirs": {"/usr/share/datasets": "Debian package dataset-fashion-mnist"},
        # Folder names inside the local dirs differ: fashion-mnist/ in both.
        "splits": {
            "train": [{
                "samples": 60000,
                "note": "",
                "files": [
                    _fashion_file("train-images-idx3-ubyte.gz", 26421880, "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84", "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7"),
                    _fashion_file("train-labels-idx1-ubyte.gz", 29515, "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845", "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056"),
                ],
            }],
            "test": [{
                "samples": 10000,
                "note": "",
                "files": [
                    _fashion_file("t10k-images-idx3-ubyte.gz", 4422102, "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073", "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa"),
                    _fashion_file("t10k-labels-idx1-ubyte.gz", 5148, "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5", "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05"),
                ],
            }],
        },
    },
    "cifar10": {
        "local_dirs": {},
        "splits": {
            "train": [
                {
                    "samples": 50000,
                    "note": "",
                    "files": [
                        _cifar_batch("data_batch_%d.bin" % (i + 1), sha)
                        for i, sha in enumerate(_CIFAR_TRAIN_SHA256)
                    ],
                },
                {
                    "samples": 50000,
                    "note": "",
                    "files": [_cifar_member("data_batch_%d.bin" % i) for i in range(1, 6)],
                },
            ],
            "test": [
                {
                    "samples": 10000,
                    "note": "",
                    "files": [_cifar_batch("test_batch.bin", _CIFAR_TEST_SHA256)],
                },
                {
                    "samples": 10000,
                    "note": "",
                    "files": [_cifar_member("test_batch.bin")],
                },
                {
                    "samples": 1000,
                    "note": "PARTIAL TEST SET: only the first 1,000 of the 10,000 canonical " +
                            "CIFAR-10 test images (offline copy cifar-10-test-partial/); test " +
                            "accuracies are over these 1,000 images",
                    "files": [_CIFAR_TEST_PARTIAL],
                },
            ],
        },
    },
}
