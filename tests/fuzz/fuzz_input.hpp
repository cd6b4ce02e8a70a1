// What the libFuzzer harnesses share: a small database to check records against, and a file
// holding the input for readers that take a path.
#pragma once

#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "ergraph/store.hpp"

namespace ergraph::fuzz {

// Removes `path` (a file or a folder) when the process exits normally, as libFuzzer ends its
// runs; a crash leaves the files beside its input, for reproducing it.
inline void remove_at_exit(const std::string& path) {
  static struct Paths {
    std::vector<std::string> paths;
    ~Paths() {
      std::error_code ec;
      for (const std::string& p : paths) std::filesystem::remove_all(p, ec);
    }
  } made;
  if (std::find(made.paths.begin(), made.paths.end(), path) == made.paths.end()) {
    made.paths.push_back(path);
  }
}

// A database with the built-in schema and a few nodes, edges and a document, so that validation
// meets stored ids, types and texts: in memory, or at `path` (replacing what is there) for a
// harness that needs its files.
inline Store sample_store(const std::string& path = ":memory:") {
  if (path != ":memory:") {
    for (const char* suffix : {"", "-wal", "-shm", "-journal", "-graph-snapshot"}) {
      std::remove((path + suffix).c_str());
      remove_at_exit(path + suffix);
    }
  }
  Store store = Store::create(path, Schema::builtin());
  Node doc{"doc:a",
           "Document",
           "A report",
           {},
           R"({"publisher":"Anadolu"})",
           "Hakan Fidan chaired the talks in Istanbul."};
  Node fidan{"person:hakan-fidan", "Person", "Hakan Fidan", {"Fidan"}, "{}", {}};
  Node talks{"event:talks", "Event", "Istanbul talks", {}, "{}", {}};
  Node turkey{"country:turkey", "Country", "Türkiye", {"Turkey"}, "{}", {}};
  Edge chaired{"chaired",     "person:hakan-fidan",
               "event:talks", "2025-05-16",
               "{}",          {{"doc:a", "Hakan Fidan chaired the talks"}}};
  Edge attended{"attended", "country:turkey", "event:talks", "", "{}", {}};
  store.write({doc, fidan, talks, turkey}, {chaired, attended});
  return store;
}

// Writes the input to this process's own file with `suffix` and returns its path.
inline std::string write_input(const std::uint8_t* data, std::size_t size,
                               const std::string& suffix) {
  const std::string path = "/tmp/ergraph-fuzz-" + std::to_string(::getpid()) + suffix;
  remove_at_exit(path);
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return path;
}

}  // namespace ergraph::fuzz
