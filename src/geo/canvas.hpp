#pragma once

#include <cstdint>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace conflictmap::geo {

struct Color {
    double r = 0, g = 0, b = 0, a = 1;
    bool visible() const { return a > 0; }
    Color with_alpha(double alpha) const { return {r, g, b, a * alpha}; }
};

// A path in device coordinates: parts of `counts[i]` vertices each, every
// part closed (rings) or open (lines).
struct Path {
    std::vector<double> xy;
    std::vector<std::uint32_t> counts;
    bool closed = true;

    void move_to(double x, double y) {
        xy.push_back(x);
        xy.push_back(y);
        counts.push_back(1);
    }
    void line_to(double x, double y) {
        xy.push_back(x);
        xy.push_back(y);
        ++counts.back();
    }
    bool empty() const { return counts.empty(); }
    void clear() {
        xy.clear();
        counts.clear();
    }
};

struct Stroke {
    Color color;
    double width = 1;
    std::vector<double> dash;  // on, off, ... in device units; empty: solid
    bool round = true;         // round joins and caps (borders), else miter/butt
};

struct FontSpec {
    std::string family = "Noto Sans";
    double size = 12;  // device units (pixels for PNG and SVG, points for PDF)
    bool bold = false;
    bool italic = false;
    double letter_spacing = 0;  // device units added between letters
};

// A line of text shaped by Pango (HarfBuzz underneath): right-to-left and
// joining scripts, Armenian, Cyrillic, Azerbaijani ə, with font fallback
// through fontconfig. Width and height are the logical extents in device
// units; `baseline` is the distance from the top to the first baseline.
class ShapedText {
  public:
    std::string text;
    FontSpec font;
    double width = 0;
    double height = 0;
    double baseline = 0;

  private:
    friend class TextShaper;
    friend class CairoCanvas;
    std::shared_ptr<void> m_layout;  // PangoLayout, released with g_object_unref
};

// Shapes and measures text with Pango. Owns its own Pango font map and
// context: they are not thread-safe, so use one TextShaper per thread.
class TextShaper {
  public:
    TextShaper();
    ~TextShaper();
    TextShaper(const TextShaper&) = delete;
    TextShaper& operator=(const TextShaper&) = delete;

    ShapedText shape(const std::string& text, const FontSpec& font) const;

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Loads fontconfig's configuration and the default fonts on a background
// thread, so the first label a renderer shapes does not wait for them
// (~8 ms in a fresh process). Keep the future until the work is done (its
// destructor waits): a thread still loading fonts while the process exits
// would race the library's teardown.
std::future<void> warm_up_fonts(const std::string& family = "Noto Sans");

enum class OutputFormat { Png, Svg, Pdf };

// Where a map is drawn. Coordinates are device units, origin top left.
// Implementations: Cairo for PNG (an ARGB image) and PDF (text stays text,
// fonts embedded), and our own SVG writer, which keeps every label as a
// <text> element a designer can edit (Cairo's SVG surface would turn them
// into glyph outlines).
class Canvas {
  public:
    virtual ~Canvas() = default;
    double width() const { return m_width; }
    double height() const { return m_height; }

    virtual void fill(const Path& path, const Color& color, bool even_odd = false) = 0;
    virtual void stroke(const Path& path, const Stroke& stroke) = 0;
    // Diagonal lines `spacing` apart inside the path (disputed areas).
    virtual void hatch(const Path& path, const Color& color, double spacing, double line_width) = 0;
    virtual void circle(double cx, double cy, double r, const std::optional<Color>& fill,
                        const std::optional<Stroke>& stroke) = 0;
    virtual void rect(double x, double y, double w, double h, const std::optional<Color>& fill,
                      const std::optional<Stroke>& stroke, double corner_radius = 0) = 0;
    // Text with its top-left corner at (x, y); a halo of `halo_width` around
    // the letters when the halo colour is visible.
    virtual void text(const ShapedText& text, double x, double y, const Color& color,
                      const Color& halo, double halo_width) = 0;
    // Premultiplied ARGB32 pixels (Cairo's format), scaled to w×h at (x, y).
    virtual void image(const std::vector<std::uint32_t>& argb, int pw, int ph, double x, double y,
                       double w, double h) = 0;
    virtual void push_clip(double x, double y, double w, double h) = 0;
    virtual void pop_clip() = 0;
    // Named groups (SVG layers a designer can hide); no-ops elsewhere.
    virtual void begin_group(std::string_view /*id*/) {}
    virtual void end_group() {}
    // The encoded file. The canvas cannot be drawn on afterwards.
    virtual std::string finish() = 0;

    // A canvas of `width`×`height` device units for a format.
    static std::unique_ptr<Canvas> create(OutputFormat format, double width, double height);

  protected:
    Canvas(double width, double height) : m_width(width), m_height(height) {}
    double m_width;
    double m_height;
};

// A decoded raster image (tests, references): straight (not premultiplied)
// RGBA bytes, row by row.
struct RgbaImage {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> rgba;
};

RgbaImage decode_png(std::string_view png);
std::string encode_png(const RgbaImage& image);
// PNG of premultiplied ARGB32 pixels (Cairo's layout).
std::string encode_png_argb(const std::vector<std::uint32_t>& argb, int width, int height);

}  // namespace conflictmap::geo
