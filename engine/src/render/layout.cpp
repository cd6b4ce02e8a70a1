#include "layout.hpp"

#include <algorithm>
#include <vector>

#include "messages.hpp"

namespace ergraph {
namespace {

// dot gives the most readable drawing of a small network; past this it turns slow (its crossing
// minimisation grows fast with edges), and sfdp takes over.
constexpr std::size_t kDotMaxEdges = 200;

const std::vector<std::string> kLayouts = {"dot", "neato", "fdp", "sfdp", "circo", "twopi"};

}  // namespace

std::string default_layout(std::size_t /*nodes*/, std::size_t edges) {
  return edges <= kDotMaxEdges ? "dot" : "sfdp";
}

std::size_t layout_edge_limit(const std::string& layout) {
  // The largest size each layout handled in under about 30 s on random networks with
  // edges = 2 × nodes (bench/layout-limits.md): the next size up took over 45 s (or, for fdp,
  // about as long).
  if (layout == "dot") return 300;
  if (layout == "circo") return 300;
  if (layout == "neato") return 4000;
  if (layout == "fdp") return 8000;
  if (layout == "twopi") return 8000;
  return 16000;  // sfdp
}

namespace render {

std::string choose_layout(const Selection& selection, const DiagramOptions& options) {
  const std::string layout = options.layout.empty()
                                 ? default_layout(selection.nodes.size(), selection.edges.size())
                                 : options.layout;
  if (std::find(kLayouts.begin(), kLayouts.end(), layout) == kLayouts.end()) {
    throw unknown_layout(layout, kLayouts);
  }
  return layout;
}

void check_layout_size(const Selection& selection, DiagramFormat format, const std::string& layout,
                       bool force) {
  if (format != DiagramFormat::kDot && !force &&
      selection.edges.size() > layout_edge_limit(layout)) {
    throw too_large_to_lay_out(selection.nodes.size(), selection.edges.size(),
                               layout_edge_limit(layout), layout);
  }
}

}  // namespace render
}  // namespace ergraph
