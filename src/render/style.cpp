#include "render/style.hpp"

#include <cctype>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "core/error.hpp"
#include "style_data.hpp"

namespace conflictmap::render {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

// A value could not be read; the parser adds the file and line.
struct BadValue {
    std::string message;
};

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

double parse_number(std::string_view v, double min = 0, double max = 1e9) {
    v = trim(v);
    double d = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
    if (ec != std::errc() || p != v.data() + v.size())
        throw BadValue{"\"" + std::string(v) + "\" is not a number"};
    if (d < min || d > max) {
        std::ostringstream m;
        m << std::string(v) << " is out of range (" << min << " to " << max << ")";
        throw BadValue{m.str()};
    }
    return d;
}

Color parse_color(std::string_view v) {
    v = trim(v);
    if (v == "none" || v == "transparent") return {0, 0, 0, 0};
    const std::string bad =
        "\"" + std::string(v) +
        "\" is not a colour: use #rrggbb, #rrggbbaa, #rgb, rgba(r, g, b, a) or none";
    if (v.starts_with("rgba(") && v.ends_with(")")) {
        std::string inner(v.substr(5, v.size() - 6));
        std::vector<double> parts;
        std::stringstream ss(inner);
        std::string item;
        while (std::getline(ss, item, ',')) {
            try {
                parts.push_back(parse_number(item, 0, 255));
            } catch (const BadValue&) {
                throw BadValue{bad};
            }
        }
        if (parts.size() != 4 || parts[3] > 1) throw BadValue{bad};
        return {parts[0] / 255, parts[1] / 255, parts[2] / 255, parts[3]};
    }
    if (v.empty() || v[0] != '#') throw BadValue{bad};
    v.remove_prefix(1);
    std::vector<int> d;
    for (char c : v) {
        const int h = hex_digit(c);
        if (h < 0) throw BadValue{bad};
        d.push_back(h);
    }
    if (d.size() == 3) return {d[0] / 15.0, d[1] / 15.0, d[2] / 15.0, 1};
    if (d.size() == 6 || d.size() == 8) {
        Color c{(d[0] * 16 + d[1]) / 255.0, (d[2] * 16 + d[3]) / 255.0, (d[4] * 16 + d[5]) / 255.0,
                1};
        if (d.size() == 8) c.a = (d[6] * 16 + d[7]) / 255.0;
        return c;
    }
    throw BadValue{bad};
}

bool parse_bool(std::string_view v) {
    v = trim(v);
    if (v == "yes" || v == "true" || v == "on") return true;
    if (v == "no" || v == "false" || v == "off") return false;
    throw BadValue{"\"" + std::string(v) + "\" is not yes or no"};
}

std::vector<std::string_view> words(std::string_view v) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < v.size()) {
        while (i < v.size() && (std::isspace(static_cast<unsigned char>(v[i])) || v[i] == ',')) ++i;
        std::size_t j = i;
        while (j < v.size() && !std::isspace(static_cast<unsigned char>(v[j])) && v[j] != ',') ++j;
        if (j > i) out.push_back(v.substr(i, j - i));
        i = j;
    }
    return out;
}

std::vector<double> parse_dash(std::string_view v) {
    if (trim(v) == "none" || trim(v) == "solid") return {};
    std::vector<double> out;
    for (auto w : words(v)) out.push_back(parse_number(w, 0, 1000));
    if (out.size() % 2 != 0 || out.empty())
        throw BadValue{"a dash pattern needs pairs of lengths (on off ...), or none"};
    return out;
}

using Setter = std::function<void(Style&, std::string_view)>;

// The schema: section -> key -> how to set it. Built once.
class Schema {
  public:
    Schema() {
        add_color("map", "water", &Style::water);
        add_color("map", "land", &Style::land);
        add_color("map", "frame", &Style::frame);
        add_color("map", "outside", &Style::outside);
        add_line("countries", "border", &Style::border);
        add_color("countries", "highlight", &Style::highlight);
        add_label("countries", "label-", &Style::country_label);
        add_line("coast", "", &Style::coast);
        add_color("disputed", "fill", &Style::disputed_fill);
        add_color("disputed", "hatch", &Style::hatch);
        add_number("disputed", "hatch-spacing", &Style::hatch_spacing, 1, 100);
        add_number("disputed", "hatch-width", &Style::hatch_width, 0, 20);
        add_line("disputed", "border", &Style::disputed_border);
        add_line("admin1", "", &Style::admin1);
        add_number("admin1", "max-resolution", &Style::admin1_max_resolution, 0, 1e7);
        add_color("capitals", "fill", &Style::capital_fill);
        add_line("capitals", "", &Style::capital_stroke);
        add_number("capitals", "radius", &Style::capital_radius, 0, 50);
        add_label("capitals", "label-", &Style::capital_label);
        add_number("cities", "min-population", &Style::city_min_population, 0, 1e9);
        add_color("cities", "fill", &Style::city_fill);
        add_number("cities", "radius", &Style::city_radius, 0, 50);
        add_label("cities", "label-", &Style::city_label);
        add_color("places", "fill", &Style::place_fill);
        add_line("places", "", &Style::place_stroke);
        add_number("places", "min-radius", &Style::place_min_radius, 0.5, 100);
        add_number("places", "max-radius", &Style::place_max_radius, 0.5, 200);
        add_label("places", "label-", &Style::place_label);
        add_label("places", "region-", &Style::region_label);
        add_label("places", "water-", &Style::water_label);
        for (const char* type :
             {"battles", "violence-against-civilians", "explosions-remote-violence", "riots",
              "protests", "strategic-developments", "other"}) {
            const std::string key = type;
            m_setters["events"][key] = [key](Style& s, std::string_view v) {
                s.event_colors[key] = parse_color(v);
            };
        }
        add_number("events", "radius", &Style::event_radius, 0.5, 100);
        add_line("events", "", &Style::event_stroke);
        add_color("clusters", "fill", &Style::cluster_fill);
        add_line("clusters", "", &Style::cluster_stroke);
        add_label("clusters", "count-", &Style::cluster_count);
        add_number("heatmap", "radius", &Style::heat_radius, 1, 1000);
        add_number("heatmap", "opacity", &Style::heat_opacity, 0, 1);
        m_setters["heatmap"]["ramp"] = [](Style& s, std::string_view v) {
            std::vector<Color> ramp;
            for (auto w : words(v)) ramp.push_back(parse_color(w));
            if (ramp.size() < 2) throw BadValue{"a ramp needs at least two colours"};
            s.heat_ramp = std::move(ramp);
        };
        add_label("title", "", &Style::title);
        add_label("subtitle", "", &Style::subtitle);
        add_color("panel", "fill", &Style::panel_fill);
        add_line("panel", "", &Style::panel_stroke);
        add_label("legend", "", &Style::legend_text);
        add_label("legend", "heading-", &Style::legend_heading);
        add_line("scalebar", "", &Style::scalebar);
        add_color("scalebar", "fill", &Style::scalebar_fill);
        add_label("scalebar", "label-", &Style::scalebar_text);
        add_color("north-arrow", "fill", &Style::north_fill);
        add_label("north-arrow", "label-", &Style::north_text);
        add_color("inset", "water", &Style::inset_water);
        add_color("inset", "land", &Style::inset_land);
        add_line("inset", "border", &Style::inset_border);
        add_line("inset", "extent", &Style::inset_extent);
        add_line("inset", "frame", &Style::inset_frame);
        add_label("attribution", "", &Style::attribution);
    }

    const Setter* find(const std::string& section, const std::string& key) const {
        const auto s = m_setters.find(section);
        if (s == m_setters.end()) return nullptr;
        const auto k = s->second.find(key);
        return k == s->second.end() ? nullptr : &k->second;
    }
    bool has_section(const std::string& section) const { return m_setters.count(section) > 0; }
    std::string sections() const { return join_keys(m_setters); }
    std::string keys(const std::string& section) const { return join_keys(m_setters.at(section)); }

  private:
    template <typename M>
    static std::string join_keys(const M& m) {
        std::string out;
        for (const auto& [k, v] : m) out += (out.empty() ? "" : ", ") + k;
        return out;
    }

    void add_color(const std::string& section, const std::string& key, Color Style::*member) {
        m_setters[section][key] = [member](Style& s, std::string_view v) {
            s.*member = parse_color(v);
        };
    }
    void add_number(const std::string& section, const std::string& key, double Style::*member,
                    double min, double max) {
        m_setters[section][key] = [member, min, max](Style& s, std::string_view v) {
            s.*member = parse_number(v, min, max);
        };
    }
    // A line: "<prefix>stroke" (or "<prefix>" alone for "border"-like
    // names), "<prefix>-width", "<prefix>-dash".
    void add_line(const std::string& section, const std::string& prefix, LineStyle Style::*member) {
        const std::string base = prefix.empty() ? "stroke" : prefix;
        m_setters[section][base] = [member](Style& s, std::string_view v) {
            (s.*member).color = parse_color(v);
        };
        m_setters[section][base + "-width"] = [member](Style& s, std::string_view v) {
            (s.*member).width = parse_number(v, 0, 100);
        };
        m_setters[section][base + "-dash"] = [member](Style& s, std::string_view v) {
            (s.*member).dash = parse_dash(v);
        };
    }
    void add_label(const std::string& section, const std::string& prefix,
                   LabelStyle Style::*member) {
        auto& m = m_setters[section];
        m[prefix + "font"] = [member](Style& s, std::string_view v) {
            if (trim(v).empty()) throw BadValue{"a font family is needed"};
            (s.*member).font = std::string(trim(v));
        };
        m[prefix + "size"] = [member](Style& s, std::string_view v) {
            (s.*member).size = parse_number(v, 1, 400);
        };
        m[prefix + "bold"] = [member](Style& s, std::string_view v) {
            (s.*member).bold = parse_bool(v);
        };
        m[prefix + "italic"] = [member](Style& s, std::string_view v) {
            (s.*member).italic = parse_bool(v);
        };
        m[prefix + "color"] = [member](Style& s, std::string_view v) {
            (s.*member).color = parse_color(v);
        };
        m[prefix + "halo"] = [member](Style& s, std::string_view v) {
            (s.*member).halo = parse_color(v);
        };
        m[prefix + "halo-width"] = [member](Style& s, std::string_view v) {
            (s.*member).halo_width = parse_number(v, 0, 50);
        };
        m[prefix + "letter-spacing"] = [member](Style& s, std::string_view v) {
            (s.*member).letter_spacing = parse_number(v, -10, 100);
        };
        m[prefix + "uppercase"] = [member](Style& s, std::string_view v) {
            (s.*member).uppercase = parse_bool(v);
        };
    }

    std::map<std::string, std::map<std::string, Setter>> m_setters;
};

const Schema& schema() {
    static const Schema s;
    return s;
}

}  // namespace

std::string fold_key(std::string_view s) {
    std::string out;
    bool dash = false;
    for (char c : s) {
        if (std::isalnum(static_cast<unsigned char>(c))) {
            if (dash && !out.empty()) out += '-';
            dash = false;
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else {
            dash = true;
        }
    }
    return out;
}

Style::Style() {
    // The built-in defaults are the light style's file, so there is one
    // source of truth: see light.style.
}

Color Style::event_color(std::string_view event_type) const {
    auto it = event_colors.find(fold_key(event_type));
    if (it == event_colors.end()) it = event_colors.find("other");
    return it == event_colors.end() ? Color{0.4, 0.4, 0.4, 1} : it->second;
}

namespace {

void apply_style_text(Style& style, std::string_view text, const std::string& file) {
    const Schema& sc = schema();
    std::string section;
    std::size_t line_no = 0;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = trim(text.substr(pos, end - pos));
        pos = end + 1;
        ++line_no;
        if (line.empty() || line[0] == '#' || line[0] == ';') continue;
        if (line.front() == '[') {
            if (line.back() != ']')
                throw DataError(file, line_no,
                                "a section header needs a closing ]: " + std::string(line));
            section = std::string(trim(line.substr(1, line.size() - 2)));
            if (!sc.has_section(section))
                throw DataError(file, line_no,
                                "unknown section [" + section + "]; known: " + sc.sections());
            continue;
        }
        const std::size_t eq = line.find('=');
        if (eq == std::string_view::npos)
            throw DataError(file, line_no,
                            "expected key = value or [section], got \"" + std::string(line) + "\"");
        if (section.empty()) throw DataError(file, line_no, "key before any [section]");
        const std::string key(trim(line.substr(0, eq)));
        const std::string_view value = trim(line.substr(eq + 1));
        const Setter* set = sc.find(section, key);
        if (!set)
            throw DataError(
                file, line_no,
                "unknown key \"" + key + "\" in [" + section + "]; known: " + sc.keys(section));
        try {
            (*set)(style, value);
        } catch (const BadValue& e) {
            throw DataError(file, line_no, key + ": " + e.message);
        }
    }
}

}  // namespace

std::string_view builtin_style(std::string_view name) {
    if (name == "light") return style_data::kLight;
    if (name == "dark") return style_data::kDark;
    return {};
}

Style parse_style(std::string_view text, const std::string& file) {
    Style style;
    // Defaults first (the light style), then the file on top.
    apply_style_text(style, style_data::kLight, "light.style");
    apply_style_text(style, text, file);
    style.source = file;
    return style;
}

Style load_style(const std::string& name_or_path) {
    if (const auto text = builtin_style(name_or_path); !text.empty()) {
        Style s = parse_style(text, name_or_path + ".style");
        s.source = name_or_path;
        return s;
    }
    std::error_code ec;
    if (!std::filesystem::exists(name_or_path, ec))
        throw MissingDataError("no style \"" + name_or_path +
                               "\": give a style file or one of the built-in styles light, dark");
    std::ifstream in(name_or_path, std::ios::binary);
    if (!in) throw IoError(name_or_path, "read", errno);
    std::stringstream ss;
    ss << in.rdbuf();
    return parse_style(ss.str(), name_or_path);
}

}  // namespace conflictmap::render
