// Our SVG writer. Cairo's SVG surface draws every glyph as an outline, so a
// journalist could not fix a label in Inkscape or Illustrator; here labels
// are <text> elements (the font named by family, the viewer shapes it), the
// halo a stroke painted under the fill (paint-order), and each layer a
// named <g>. Coordinates are written with two decimals: 1/100 px is below
// anything visible and keeps a 10m country file small.

#include "geo/detail/svg_canvas.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace conflictmap::geo::detail {

namespace {

void number(std::string& out, double v) {
    if (std::abs(v) < 0.005) v = 0;
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 2);
    // Trim trailing zeros: "12.50" -> "12.5", "3.00" -> "3".
    char* e = end;
    while (e > buf && e[-1] == '0') --e;
    if (e > buf && e[-1] == '.') --e;
    out.append(buf, e);
}

// ` name="value"`, the attribute form every element below writes.
void attr(std::string& out, const char* name, double v) {
    out += ' ';
    out += name;
    out += "=\"";
    number(out, v);
    out += '"';
}

// ` x="…" y="…" width="…" height="…"` of a rectangle (clip, image).
void box(std::string& out, double x, double y, double w, double h) {
    attr(out, "x", x);
    attr(out, "y", y);
    attr(out, "width", w);
    attr(out, "height", h);
}

std::string hex(const Color& c) {
    static const char* digits = "0123456789abcdef";
    std::string s = "#";
    for (double v : {c.r, c.g, c.b}) {
        const int i = std::clamp(static_cast<int>(std::lround(v * 255)), 0, 255);
        s += digits[i >> 4];
        s += digits[i & 15];
    }
    return s;
}

void escape(std::string& out, std::string_view s) {
    for (char c : s) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            default:
                out += c;
        }
    }
}

std::string base64(std::string_view in) {
    static const char* t = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((in.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
        const unsigned v = (static_cast<unsigned char>(in[i]) << 16) |
                           (static_cast<unsigned char>(in[i + 1]) << 8) |
                           static_cast<unsigned char>(in[i + 2]);
        out += t[v >> 18];
        out += t[(v >> 12) & 63];
        out += t[(v >> 6) & 63];
        out += t[v & 63];
    }
    if (i < in.size()) {
        unsigned v = static_cast<unsigned char>(in[i]) << 16;
        if (i + 1 < in.size()) v |= static_cast<unsigned char>(in[i + 1]) << 8;
        out += t[v >> 18];
        out += t[(v >> 12) & 63];
        out += i + 1 < in.size() ? t[(v >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

class SvgCanvas final : public Canvas {
  public:
    SvgCanvas(double width, double height) : Canvas(width, height) { m_body.reserve(1 << 20); }

    void fill(const Path& path, const Color& color, bool even_odd) override {
        if (path.empty() || !color.visible()) return;
        m_body += "<path d=\"";
        trace(path);
        m_body += "\"";
        paint("fill", color);
        if (even_odd) m_body += " fill-rule=\"evenodd\"";
        m_body += "/>\n";
    }

    void stroke(const Path& path, const Stroke& s) override {
        if (path.empty() || !s.color.visible() || s.width <= 0) return;
        m_body += "<path d=\"";
        trace(path);
        m_body += "\" fill=\"none\"";
        stroke_attributes(s);
        m_body += "/>\n";
    }

    void hatch(const Path& path, const Color& color, double spacing, double line_width) override {
        if (path.empty() || !color.visible() || spacing <= 0) return;
        const std::string id = "hatch" + std::to_string(m_next_id++);
        m_defs += "<pattern id=\"" + id + "\" patternUnits=\"userSpaceOnUse\"";
        attr(m_defs, "width", spacing);
        attr(m_defs, "height", spacing);
        m_defs += " patternTransform=\"rotate(45)\"><line x1=\"0\" y1=\"0\" x2=\"0\"";
        attr(m_defs, "y2", spacing);
        m_defs += " stroke=\"" + hex(color) + "\"";
        attr(m_defs, "stroke-opacity", color.a);
        attr(m_defs, "stroke-width", line_width);
        m_defs += "/></pattern>\n";
        m_body += "<path d=\"";
        trace(path);
        m_body += "\" fill=\"url(#" + id + ")\" fill-rule=\"evenodd\"/>\n";
    }

    void circle(double cx, double cy, double r, const std::optional<Color>& fill,
                const std::optional<Stroke>& stroke) override {
        m_body += "<circle";
        attr(m_body, "cx", cx);
        attr(m_body, "cy", cy);
        attr(m_body, "r", r);
        shape_paint(fill, stroke);
        m_body += "/>\n";
    }

    void rect(double x, double y, double w, double h, const std::optional<Color>& fill,
              const std::optional<Stroke>& stroke, double radius) override {
        m_body += "<rect";
        box(m_body, x, y, w, h);
        if (radius > 0) attr(m_body, "rx", radius);
        shape_paint(fill, stroke);
        m_body += "/>\n";
    }

    void text(const ShapedText& t, double x, double y, const Color& color, const Color& halo,
              double halo_width) override {
        // Anchored at the middle: a viewer whose font measures a little
        // differently keeps the label centred where it was placed.
        m_body += "<text";
        attr(m_body, "x", x + t.width / 2);
        attr(m_body, "y", y + t.baseline);
        m_body += " text-anchor=\"middle\" font-family=\"";
        escape(m_body, t.font.family);
        m_body += ", sans-serif\"";
        attr(m_body, "font-size", t.font.size);
        if (t.font.bold) m_body += " font-weight=\"bold\"";
        if (t.font.italic) m_body += " font-style=\"italic\"";
        if (t.font.letter_spacing != 0) attr(m_body, "letter-spacing", t.font.letter_spacing);
        paint("fill", color);
        if (halo.visible() && halo_width > 0) {
            m_body += " stroke=\"" + hex(halo) + "\"";
            if (halo.a < 1) attr(m_body, "stroke-opacity", halo.a);
            attr(m_body, "stroke-width", 2 * halo_width);
            m_body += " stroke-linejoin=\"round\" paint-order=\"stroke\"";
        }
        m_body += ">";
        escape(m_body, t.text);
        m_body += "</text>\n";
    }

    void image(const std::vector<std::uint32_t>& argb, int pw, int ph, double x, double y, double w,
               double h) override {
        m_body += "<image";
        box(m_body, x, y, w, h);
        m_body += " preserveAspectRatio=\"none\" href=\"data:image/png;base64,";
        m_body += base64(encode_png_argb(argb, pw, ph));
        m_body += "\"/>\n";
    }

    void push_clip(double x, double y, double w, double h) override {
        const std::string id = "clip" + std::to_string(m_next_id++);
        m_defs += "<clipPath id=\"" + id + "\"><rect";
        box(m_defs, x, y, w, h);
        m_defs += "/></clipPath>\n";
        m_body += "<g clip-path=\"url(#" + id + ")\">\n";
    }

    void pop_clip() override { m_body += "</g>\n"; }

    void begin_group(std::string_view id) override {
        m_body += "<g id=\"";
        escape(m_body, id);
        m_body += "\">\n";
    }

    void end_group() override { m_body += "</g>\n"; }

    std::string finish() override {
        std::string out;
        out.reserve(m_body.size() + m_defs.size() + 512);
        out +=
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
            "xmlns:xlink=\"http://www.w3.org/1999/xlink\"";
        attr(out, "width", m_width);
        attr(out, "height", m_height);
        out += " viewBox=\"0 0 ";
        number(out, m_width);
        out += " ";
        number(out, m_height);
        out += "\">\n";
        if (!m_defs.empty()) out += "<defs>\n" + m_defs + "</defs>\n";
        out += m_body;
        out += "</svg>\n";
        m_body.clear();
        return out;
    }

  private:
    void trace(const Path& path) {
        const double* p = path.xy.data();
        for (const std::uint32_t n : path.counts) {
            if (n == 0) continue;
            m_body += 'M';
            number(m_body, p[0]);
            m_body += ' ';
            number(m_body, p[1]);
            for (std::uint32_t i = 1; i < n; ++i) {
                m_body += i == 1 ? 'L' : ' ';
                number(m_body, p[2 * i]);
                m_body += ' ';
                number(m_body, p[2 * i + 1]);
            }
            if (path.closed) m_body += 'Z';
            p += 2 * n;
        }
    }

    void paint(const char* what, const Color& c) {
        m_body += ' ';
        m_body += what;
        m_body += "=\"" + hex(c) + "\"";
        if (c.a < 1) attr(m_body, (std::string(what) + "-opacity").c_str(), c.a);
    }

    void stroke_attributes(const Stroke& s) {
        paint("stroke", s.color);
        attr(m_body, "stroke-width", s.width);
        if (s.round) m_body += " stroke-linejoin=\"round\" stroke-linecap=\"round\"";
        if (!s.dash.empty()) {
            m_body += " stroke-dasharray=\"";
            for (std::size_t i = 0; i < s.dash.size(); ++i) {
                if (i) m_body += ' ';
                number(m_body, s.dash[i]);
            }
            m_body += "\"";
        }
    }

    void shape_paint(const std::optional<Color>& fill, const std::optional<Stroke>& stroke) {
        if (fill && fill->visible()) {
            paint("fill", *fill);
        } else {
            m_body += " fill=\"none\"";
        }
        if (stroke && stroke->color.visible() && stroke->width > 0) stroke_attributes(*stroke);
    }

    std::string m_body;
    std::string m_defs;
    int m_next_id = 0;
};

}  // namespace

std::unique_ptr<Canvas> make_svg_canvas(double width, double height) {
    return std::make_unique<SvgCanvas>(width, height);
}

}  // namespace conflictmap::geo::detail
