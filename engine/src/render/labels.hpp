// Private to the render layer: user text made into Graphviz label and tooltip text.
#pragma once

#include <string>
#include <string_view>

namespace ergraph::render {

// Text for a label or tooltip, shown as written: backslashes start Graphviz escapes (\N, \n,
// \l ...) so the user's are doubled, and Graphviz decodes HTML entities (&amp;) in plain labels
// too, so every & is written as &amp;. Control characters XML cannot hold become U+FFFD.
std::string graphviz_text(std::string_view s);

// A node id as a Graphviz node name, which SVG shows in <title> and a comment: & and control
// characters as in graphviz_text (backslashes are not escapes in names). Ids that differ only
// in control characters may meet in one name: the caller keeps names unique.
std::string graphviz_name(std::string_view id);

// A name as a label: split into lines of at most kWrapColumns (28) code points, at spaces where
// it can and inside a word where it must, each line escaped as graphviz_text does and the lines
// joined with Graphviz's \n escape.
std::string wrap_label(std::string_view name);

}  // namespace ergraph::render
