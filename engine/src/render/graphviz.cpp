#include "graphviz.hpp"

#include <string>
#include <unordered_map>
#include <vector>

#include "ergraph/error.hpp"

#if defined(__SANITIZE_ADDRESS__)
// In the sanitizer build, LeakSanitizer ignores what Graphviz and the font libraries it loads
// keep for the life of the process (plugin and layout state, fontconfig's caches). Any program
// that links the render layer gets this; our own code is not excused. They live in this file
// because every diagram opens a GraphvizSession: a linker takes an object file out of a static
// library only for a symbol the program uses, so here they cannot be left behind.
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libgvc.so\n"
         "leak:libcgraph.so\n"
         "leak:libcdt.so\n"
         "leak:libgvplugin_\n"
         "leak:libfontconfig.so\n"
         "leak:libpango\n"
         "leak:libcairo\n"
         "leak:libharfbuzz\n"
         "leak:libglib\n"
         "leak:libgobject\n";
}
extern "C" const char* __lsan_default_options() { return "print_suppressions=0"; }
#endif

namespace ergraph::render {
namespace {

// Graphviz's error messages, collected instead of printed.
std::string& graphviz_errors() {
  static std::string errors;
  return errors;
}
int collect_error(char* message) {
  graphviz_errors() += message;
  return 0;
}

// One Graphviz context for the whole process: a second context in the same process reads font
// names the first one freed (the pango plugin keeps them), and one context also spares loading
// the plugins again for every diagram of a bulk export.
GVC_t* graphviz_context() {
  static GVC_t* const context = gvContext();
  return context;
}

// cgraph's default id discipline makes the address of an object's interned name its id, and
// keeps subgraphs ordered by id: clusters would be written and laid out in heap-address order,
// which changes with unrelated allocations. This discipline numbers names in the order they are
// first seen (even ids; odd ones are anonymous objects, as in the default), so the same
// selection gives the same bytes.
struct SequentialIds {
  Agraph_t* graph;
  std::unordered_map<std::string, IDTYPE> id_of;
  std::vector<char*> names;  // interned (agstrdup) names; names[i] has id 2 * (i + 1)
  IDTYPE next_anonymous = 1;
};

void* sequential_open(Agraph_t* graph, Agdisc_t*) { return new SequentialIds{graph, {}, {}, 1}; }

// As the default discipline: every created object holds one reference to its interned name
// (agstrdup here, agstrfree when it is freed); only the id differs.
long sequential_map(void* state, int, char* str, IDTYPE* id, int create) {
  auto& ids = *static_cast<SequentialIds*>(state);
  if (str == nullptr) {
    *id = ids.next_anonymous;
    ids.next_anonymous += 2;
    return 1;
  }
  const auto it = ids.id_of.find(str);
  if (!create) {
    if (it == ids.id_of.end()) return 0;
    *id = it->second;
    return 1;
  }
  char* interned = agstrdup(ids.graph, str);
  if (it != ids.id_of.end()) {
    *id = it->second;
    ids.names[static_cast<std::size_t>(*id / 2 - 1)] = interned;  // the same, unless freed
    return 1;
  }
  ids.names.push_back(interned);
  *id = static_cast<IDTYPE>(2 * ids.names.size());
  ids.id_of.emplace(str, *id);
  return 1;
}

long sequential_alloc(void*, int, IDTYPE) { return 0; }

char* sequential_print(void* state, int, IDTYPE id) {
  auto& ids = *static_cast<SequentialIds*>(state);
  if (id % 2 != 0 || id == 0 || id / 2 > ids.names.size()) return nullptr;
  return ids.names[static_cast<std::size_t>(id / 2 - 1)];
}

void sequential_free(void* state, int, IDTYPE id) {
  auto& ids = *static_cast<SequentialIds*>(state);
  if (char* name = sequential_print(state, 0, id)) agstrfree(ids.graph, name);
}

void sequential_close(void* state) { delete static_cast<SequentialIds*>(state); }
void sequential_register(void*, int, void*) {}

Agiddisc_t sequential_id_discipline{sequential_open,    sequential_map,   sequential_alloc,
                                    sequential_free,    sequential_print, sequential_close,
                                    sequential_register};
Agdisc_t graph_discipline{&AgMemDisc, &sequential_id_discipline, &AgIoDisc};

}  // namespace

[[noreturn]] void graphviz_failed(const std::string& doing) {
  std::string message = graphviz_errors();
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  throw Error(ErrorCode::kInternal,
              "Graphviz could not " + doing + (message.empty() ? "" : ": " + message));
}

// In the order libguide gives: the context, then the graph; closed in reverse.
GraphvizSession::GraphvizSession() {
  graphviz_errors().clear();
  agseterr(AGERR);
  agseterrf(collect_error);
  context_ = graphviz_context();
  root_ = agopen(gv("ergraph"), Agdirected, &graph_discipline);
}

GraphvizSession::~GraphvizSession() {
  if (root_) agclose(root_);
}

}  // namespace ergraph::render
