"""Repository rules mapping Debian's system packages to the upstream Bazel labels.

Headers come from /usr/include (the compiler's built-in search path), libraries from the
system linker path, so nothing is downloaded. Each rule generates BUILD files whose
target labels match the upstream projects' spelling, e.g.
`@com_google_absl//absl/status:statusor`, so that project BUILD files read as usual.
"""

# Debian 12's libabsl-dev (20220623) ships one shared library per Abseil component.
# Every mapped target links the whole set: resolving the exact per-target closure of
# ~90 libraries by hand would be fragile and buys nothing for dynamic linking.
_ABSL_LIBS = [
    "bad_any_cast_impl", "bad_optional_access", "bad_variant_access", "base", "city",
    "civil_time", "cord", "cord_internal", "cordz_functions", "cordz_handle", "cordz_info",
    "cordz_sample_token", "debugging_internal", "demangle_internal", "examine_stack",
    "exponential_biased", "failure_signal_handler", "flags_commandlineflag",
    "flags_commandlineflag_internal", "flags_config", "flags_internal", "flags_marshalling",
    "flags_parse", "flags_private_handle_accessor", "flags_program_name", "flags_reflection",
    "flags_usage", "flags_usage_internal", "graphcycles_internal", "hash",
    "hashtablez_sampler", "int128", "leak_check", "log_severity", "low_level_hash",
    "malloc_internal", "periodic_sampler", "raw_hash_set", "raw_logging_internal",
    "scoped_set_env", "spinlock_wait", "stacktrace", "status", "statusor",
    "str_format_internal", "strerror", "strings", "strings_internal", "symbolize",
    "synchronization", "throw_delegate", "time", "time_zone",
]

# package -> targets, as spelled upstream.
_ABSL_TARGETS = {
    "absl/algorithm": ["container"],
    "absl/base": ["base", "core_headers"],
    "absl/cleanup": ["cleanup"],
    "absl/container": ["btree", "fixed_array", "flat_hash_map", "flat_hash_set", "inlined_vector"],
    "absl/flags": ["flag", "marshalling", "parse", "reflection", "usage"],
    "absl/functional": ["function_ref"],
    "absl/hash": ["hash"],
    "absl/memory": ["memory"],
    "absl/numeric": ["bits", "int128"],
    "absl/status": ["status", "statusor"],
    "absl/strings": ["cord", "str_format", "strings"],
    "absl/synchronization": ["synchronization"],
    "absl/time": ["time"],
    "absl/types": ["optional", "span", "variant"],
    "absl/utility": ["utility"],
}

def _absl_repository_impl(rctx):
    rctx.file("WORKSPACE", 'workspace(name = "%s")\n' % rctx.name)
    rctx.file("BUILD.bazel", "\n".join([
        'package(default_visibility = ["//visibility:public"])',
        "cc_library(",
        '    name = "absl_shared",',
        "    linkopts = [%s, \"-lpthread\"]," % ", ".join(['"-labsl_%s"' % l for l in _ABSL_LIBS]),
        ")",
        "",
    ]))
    for package, targets in _ABSL_TARGETS.items():
        lines = ['package(default_visibility = ["//visibility:public"])', ""]
        for target in targets:
            lines.append('cc_library(name = "%s", deps = ["//:absl_shared"])' % target)
        rctx.file(package + "/BUILD.bazel", "\n".join(lines) + "\n")

absl_system_repository = repository_rule(
    implementation = _absl_repository_impl,
    doc = "Abseil from Debian's libabsl-dev, under upstream target names.",
    local = True,
)
