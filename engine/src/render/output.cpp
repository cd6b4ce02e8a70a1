#include <cstdio>
#include <cstdlib>

#include "diagram.hpp"
#include "ergraph/error.hpp"

namespace ergraph::render {
namespace {

const char* renderer_name(DiagramFormat format) {
  return format == DiagramFormat::kSvg ? "svg" : format == DiagramFormat::kPng ? "png" : "pdf";
}

// Frees a layout when it goes out of scope, thrown out of or not: gvFreeLayout must come
// before the graph is closed (or laid out again).
class LaidOut {
 public:
  LaidOut(GVC_t* context, Agraph_t* graph) : context_(context), graph_(graph) {}
  ~LaidOut() { gvFreeLayout(context_, graph_); }
  LaidOut(const LaidOut&) = delete;
  LaidOut& operator=(const LaidOut&) = delete;

 private:
  GVC_t* context_;
  Agraph_t* graph_;
};

}  // namespace

std::string write_dot(Agraph_t* root) {
  char* buffer = nullptr;
  std::size_t size = 0;
  FILE* stream = open_memstream(&buffer, &size);
  if (stream == nullptr) throw Error(ErrorCode::kInternal, "cannot open a memory stream");
  const int rc = agwrite(root, stream);
  std::fclose(stream);
  std::string out(buffer, size);
  std::free(buffer);
  if (rc != 0) graphviz_failed("write DOT");
  return out;
}

std::string lay_out_and_render(const GraphvizSession& session, const std::string& layout,
                               DiagramFormat format) {
  if (gvLayout(session.context(), session.root(), layout.c_str()) != 0)
    graphviz_failed("lay out the graph with " + layout);
  const LaidOut laid_out(session.context(), session.root());
  const char* renderer = renderer_name(format);
  char* data = nullptr;
  unsigned int length = 0;
  if (gvRenderData(session.context(), session.root(), renderer, &data, &length) != 0 ||
      data == nullptr) {
    if (data) gvFreeRenderData(data);
    graphviz_failed(std::string("render ") + renderer);
  }
  std::string out(data, length);
  gvFreeRenderData(data);
  return out;
}

}  // namespace ergraph::render
