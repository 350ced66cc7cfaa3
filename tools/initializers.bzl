"""Experiment binaries that link only the initializers they run.

Each initializer is a library of its own (lib/nn/init, lib/metainit) that registers itself
when linked. An experiment that runs one initializer uses a binary linking only that
library, so a change to another initializer leaves the binary, and therefore Bazel's cached
results of the experiment, untouched.
"""

load("@rules_cc//cc:defs.bzl", "cc_binary")

# The library that provides each initializer (lib/nn/initializers.h names).
INITIALIZER_LIBRARY = {
    "he_normal": "he",
    "he_uniform": "he",
    "he_bernoulli": "he",
    "glorot_normal": "glorot_normal",
    "lecun_normal": "lecun_normal",
    "orthogonal": "orthogonal",
    "gsm": "gsm",
    "zero": "zero",
    "identity": "identity",
    "metainit": "metainit",
}

def _library_label(library):
    if library == "metainit":
        return "//lib/metainit"
    return "//lib/nn/init:" + library

def initializer_binaries(name, main, libraries, **kwargs):
    """Declares `name` (every initializer linked) and `name_<library>` for each library.

    Args:
      name: the binary with every initializer, for runs by hand.
      main: the cc_library holding the program (its main()), which depends only on
        //lib/nn:initializer_registry and //lib/metainit:any_initializer.
      libraries: values of INITIALIZER_LIBRARY; `name_<library>` links only that one.
      **kwargs: passed to every cc_binary (copts, visibility, ...).
    """
    cc_binary(
        name = name,
        deps = [main, "//lib/nn:initializers", "//lib/metainit"],
        **kwargs
    )
    for library in libraries:
        cc_binary(
            name = "%s_%s" % (name, library),
            deps = [main, _library_label(library)],
            **kwargs
        )
