// Private to the render layer: the Graphviz plumbing every step shares — the char* casts, one
// context for the process, Graphviz's errors captured as ergraph::Error, and the root graph's
// life time. Graphviz 2.42's headers are included here and in render/ only.
#pragma once

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <string>

namespace ergraph::render {

// Graphviz 2.42 takes char* where it means const char*: the casts live here alone. The pointer
// is valid as long as the argument (for a temporary string, until the end of the statement).
inline char* gv(const char* s) { return const_cast<char*>(s); }
inline char* gv(const std::string& s) { return const_cast<char*>(s.c_str()); }

// Sets a declared attribute of a graph, node or edge (declare_attributes declares them all).
template <typename Object>
void set_attr(Object* object, const char* name, const std::string& value) {
  agsafeset(object, gv(name), gv(value), gv(""));
}

// Throws Error(kInternal): "Graphviz could not <doing>", followed by the messages Graphviz
// reported since the session opened, if any.
[[noreturn]] void graphviz_failed(const std::string& doing);

// One diagram's root graph, opened on the process's Graphviz context with Graphviz's error
// messages collected (for graphviz_failed) instead of printed, and closed when the session
// ends. Objects are named in the order they are made (see graphviz.cpp), so the same selection
// gives the same bytes. Not thread-safe: Graphviz's error handler is global.
class GraphvizSession {
 public:
  GraphvizSession();
  ~GraphvizSession();
  GraphvizSession(const GraphvizSession&) = delete;
  GraphvizSession& operator=(const GraphvizSession&) = delete;

  GVC_t* context() const { return context_; }
  Agraph_t* root() const { return root_; }

 private:
  GVC_t* context_;
  Agraph_t* root_;
};

}  // namespace ergraph::render
