#pragma once

#include <memory>

#include "geo/canvas.hpp"

namespace conflictmap::geo::detail {

// Our SVG writer (svg_canvas.cpp): paths as <path>, labels as <text>.
std::unique_ptr<Canvas> make_svg_canvas(double width, double height);

}  // namespace conflictmap::geo::detail
