// Private to the render layer: user text made into Graphviz label and tooltip text.
#pragma once

#include <string>
#include <string_view>

namespace ergraph::render {

// Text for a label or tooltip, shown as written: backslashes start Graphviz escapes (\N, \n,
// \l ...) so the user's are doubled, and Graphviz decodes HTML entities (&amp;) in plain labels
// too, so every & is written as &amp;.
std::string graphviz_text(std::string_view s);

// A name as a label: split into lines of at most kWrapColumns (28) code points, at spaces where
// it can and inside a word where it must, each line escaped as graphviz_text does and the lines
// joined with Graphviz's \n escape.
std::string wrap_label(std::string_view name);

}  // namespace ergraph::render
