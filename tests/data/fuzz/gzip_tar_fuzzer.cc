// libFuzzer target: gzip decompression and the tar walker (the CIFAR-10 download path) on
// arbitrary bytes, raw and after Gunzip. Invariants: no crash; every member lies inside
// the archive; FindTarMember returns a view inside the archive.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "lib/data/gzip.h"
#include "lib/data/tar_reader.h"

namespace {

void CheckTar(absl::string_view tar) {
  const absl::StatusOr<std::vector<vev::data::TarMember>> members =
      vev::data::ListTarMembers(tar, "fuzz");
  if (!members.ok()) return;
  for (const vev::data::TarMember& member : *members) {
    if (member.offset < 0 || member.size < 0 ||
        member.offset + member.size > static_cast<int64_t>(tar.size())) {
      std::abort();
    }
    if (member.regular) {
      const absl::StatusOr<absl::string_view> data =
          vev::data::FindTarMember(tar, "fuzz", member.name);
      if (!data.ok() || data->data() < tar.data() ||
          data->data() + data->size() > tar.data() + tar.size()) {
        std::abort();
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view bytes(reinterpret_cast<const char*>(data), size);
  CheckTar(bytes);
  // A small output limit keeps decompression bombs cheap.
  const absl::StatusOr<std::string> inflated = vev::data::Gunzip(bytes, "fuzz", 1 << 24);
  if (inflated.ok()) CheckTar(*inflated);
  return 0;
}
