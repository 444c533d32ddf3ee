#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "geo/canvas.hpp"

namespace conflictmap::render {

using geo::Color;

// How a kind of text looks. Sizes are in style pixels (1/96 inch): the
// renderer scales them to the output (×dpi/96 for PNG, ×0.75 for PDF points).
struct LabelStyle {
    std::string font = "Noto Sans";
    double size = 12;
    bool bold = false;
    bool italic = false;
    Color color{0.2, 0.2, 0.2, 1};
    Color halo{1, 1, 1, 0.9};
    double halo_width = 2;
    double letter_spacing = 0;
    bool uppercase = false;
};

struct LineStyle {
    Color color{0.5, 0.5, 0.5, 1};
    double width = 1;
    std::vector<double> dash;  // style pixels; empty: solid
};

// Everything a map's look depends on, read from a style file (docs/styles.md).
// The defaults here are the light style (render/light.style says the same);
// a style file only needs the keys it changes. Shared by `map` and, later,
// the tile renderer.
struct Style {
    std::string source;  // the file it was read from, or "light"/"dark"

    // [map]
    Color water{0.784, 0.871, 0.925, 1};
    Color land{0.965, 0.957, 0.937, 1};
    Color frame{0.4, 0.4, 0.4, 1};
    Color outside{1, 1, 1, 1};  // beyond the edge of the world (world maps)
    // [countries]
    LineStyle border{{0.55, 0.52, 0.50, 1}, 0.9, {}};
    Color highlight{0.93, 0.89, 0.82, 1};  // countries the input mentions
    LabelStyle country_label;
    // [coast]
    LineStyle coast{{0.45, 0.62, 0.75, 1}, 0.6, {}};
    // [disputed]
    Color disputed_fill{0.93, 0.92, 0.9, 1};
    Color hatch{0.55, 0.52, 0.5, 0.6};
    double hatch_spacing = 6;
    double hatch_width = 0.7;
    LineStyle disputed_border{{0.45, 0.42, 0.40, 1}, 1, {4, 3}};
    // [admin1]
    LineStyle admin1;
    double admin1_max_resolution = 2500;  // metres per style pixel at the centre
    // [capitals]
    Color capital_fill{0.25, 0.25, 0.25, 1};
    LineStyle capital_stroke{{1, 1, 1, 1}, 1.2, {}};
    double capital_radius = 3.5;
    LabelStyle capital_label;
    // [cities]
    double city_min_population = 300000;
    Color city_fill{0.45, 0.45, 0.45, 1};
    double city_radius = 2.5;
    LabelStyle city_label;
    // [places]
    Color place_fill{0.75, 0.16, 0.13, 0.9};
    LineStyle place_stroke{{1, 1, 1, 1}, 1.3, {}};
    double place_min_radius = 4.5;
    double place_max_radius = 16;
    LabelStyle place_label;
    LabelStyle region_label;
    LabelStyle water_label;
    // [events]
    std::map<std::string, Color> event_colors;  // key: event type folded (battles, riots ...)
    double event_radius = 5;
    LineStyle event_stroke{{1, 1, 1, 1}, 1.2, {}};
    // [clusters]
    Color cluster_fill{0.55, 0.1, 0.08, 0.92};
    LineStyle cluster_stroke{{1, 1, 1, 1}, 2, {}};
    LabelStyle cluster_count;
    // [heatmap]
    double heat_radius = 40;
    double heat_opacity = 0.75;
    std::vector<Color> heat_ramp;
    // [title], [subtitle]
    LabelStyle title;
    LabelStyle subtitle;
    // [panel]: the boxes behind the title, legend and scale bar
    Color panel_fill{1, 1, 1, 0.85};
    LineStyle panel_stroke{{0.6, 0.6, 0.6, 1}, 0.6, {}};
    // [legend]
    LabelStyle legend_text;
    LabelStyle legend_heading;
    // [scalebar]
    LineStyle scalebar{{0.2, 0.2, 0.2, 1}, 1.2, {}};
    Color scalebar_fill{0.2, 0.2, 0.2, 1};
    LabelStyle scalebar_text;
    // [north-arrow]
    Color north_fill{0.2, 0.2, 0.2, 1};
    LabelStyle north_text;
    // [inset]
    Color inset_water{0.86, 0.91, 0.95, 1};
    Color inset_land{0.9, 0.89, 0.87, 1};
    LineStyle inset_border{{0.65, 0.63, 0.6, 1}, 0.5, {}};
    LineStyle inset_extent{{0.75, 0.1, 0.08, 1}, 1.5, {}};
    LineStyle inset_frame{{0.4, 0.4, 0.4, 1}, 0.8, {}};
    // [attribution]
    LabelStyle attribution;

    Style();
    // The colour of an event type ("Explosions/Remote violence"); [events] other when unknown.
    Color event_color(std::string_view event_type) const;
};

// "Explosions/Remote violence" -> "explosions-remote-violence".
std::string fold_key(std::string_view s);

// Parses a style file's text on top of the defaults. Errors are DataErrors
// naming `file` and the line: an unknown section or key, a bad colour or number.
Style parse_style(std::string_view text, const std::string& file);

// "light" and "dark" are the styles built into the binary (render/*.style);
// anything else is a file path (MissingDataError when absent).
Style load_style(const std::string& name_or_path);

// The names of the built-in styles and their text.
std::string_view builtin_style(std::string_view name);

}  // namespace conflictmap::render
