#include "geo/canvas.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <mutex>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <png.h>

#include "core/error.hpp"
#include "geo/detail/svg_canvas.hpp"

namespace conflictmap::geo {

namespace {

struct CairoDestroyer {
    void operator()(cairo_t* c) const { cairo_destroy(c); }
};
struct SurfaceDestroyer {
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
using CairoPtr = std::unique_ptr<cairo_t, CairoDestroyer>;
using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceDestroyer>;

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

struct PngReader {
    std::string_view data;
    std::size_t at = 0;
};

cairo_status_t read_from_view(void* closure, unsigned char* data, unsigned int length) {
    auto* r = static_cast<PngReader*>(closure);
    if (r->data.size() - r->at < length) return CAIRO_STATUS_READ_ERROR;
    std::memcpy(data, r->data.data() + r->at, length);
    r->at += length;
    return CAIRO_STATUS_SUCCESS;
}

void check(cairo_status_t status, const char* what) {
    if (status != CAIRO_STATUS_SUCCESS)
        throw LibraryError("Cairo", std::string(what) + ": " + cairo_status_to_string(status));
}

// PNG of a Cairo ARGB32 image (premultiplied, native endian) through
// libpng's simplified API: RGB when every pixel is opaque (a map always is),
// else RGBA. PNG_IMAGE_FLAG_FAST: maps are flat colours, and fast
// filtering and compression make files a little larger for much less time.
std::string png_of_argb32(const unsigned char* data, int width, int height, int stride) {
    bool opaque = true;
    for (int y = 0; y < height && opaque; ++y) {
        const auto* row =
            reinterpret_cast<const std::uint32_t*>(data + static_cast<std::size_t>(y) * stride);
        for (int x = 0; x < width; ++x)
            if ((row[x] >> 24) != 0xff) {
                opaque = false;
                break;
            }
    }
    const int channels = opaque ? 3 : 4;
    const std::size_t row_bytes = static_cast<std::size_t>(width) * channels;
    std::vector<unsigned char> pixels(row_bytes * height);
    for (int y = 0; y < height; ++y) {
        const auto* row =
            reinterpret_cast<const std::uint32_t*>(data + static_cast<std::size_t>(y) * stride);
        unsigned char* o = pixels.data() + row_bytes * y;
        for (int x = 0; x < width; ++x) {
            const std::uint32_t p = row[x];
            unsigned a = p >> 24, r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
            if (!opaque && a > 0 && a < 255) {  // un-premultiply
                r = (r * 255 + a / 2) / a;
                g = (g * 255 + a / 2) / a;
                b = (b * 255 + a / 2) / a;
            }
            *o++ = static_cast<unsigned char>(r);
            *o++ = static_cast<unsigned char>(g);
            *o++ = static_cast<unsigned char>(b);
            if (!opaque) *o++ = static_cast<unsigned char>(a);
        }
    }
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    image.width = static_cast<png_uint_32>(width);
    image.height = static_cast<png_uint_32>(height);
    image.format = opaque ? PNG_FORMAT_RGB : PNG_FORMAT_RGBA;
    image.flags = PNG_IMAGE_FLAG_FAST;
    std::string png(PNG_IMAGE_PNG_SIZE_MAX(image), '\0');
    png_alloc_size_t size = png.size();
    if (!png_image_write_to_memory(&image, png.data(), &size, 0, pixels.data(),
                                   static_cast<png_int_32>(row_bytes), nullptr)) {
        const std::string message = image.message;
        png_image_free(&image);
        throw LibraryError("libpng", "cannot encode the PNG: " + message);
    }
    png.resize(size);
    return png;
}

}  // namespace

// ---------------------------------------------------------------- TextShaper

struct TextShaper::Impl {
    PangoFontMap* font_map = nullptr;
    PangoContext* context = nullptr;
    ~Impl() {
        if (context) g_object_unref(context);
        if (font_map) g_object_unref(font_map);
    }
};

TextShaper::TextShaper() : m_impl(std::make_unique<Impl>()) {
    m_impl->font_map = pango_cairo_font_map_new();
    m_impl->context = pango_font_map_create_context(m_impl->font_map);
    // Unhinted metrics: a label measures the same in PNG, PDF and SVG, so
    // the placement (and the reference images) do not depend on the format.
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY);
    pango_cairo_context_set_font_options(m_impl->context, options);
    cairo_font_options_destroy(options);
    pango_context_set_round_glyph_positions(m_impl->context, FALSE);
}

TextShaper::~TextShaper() = default;

ShapedText TextShaper::shape(const std::string& text, const FontSpec& font) const {
    PangoLayout* layout = pango_layout_new(m_impl->context);
    ShapedText out;
    out.m_layout = std::shared_ptr<void>(layout, [](void* p) { g_object_unref(p); });
    PangoFontDescription* desc = pango_font_description_new();
    pango_font_description_set_family(desc, font.family.c_str());
    pango_font_description_set_absolute_size(desc, font.size * PANGO_SCALE);
    pango_font_description_set_weight(desc, font.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_style(desc, font.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    pango_layout_set_font_description(layout, desc);
    pango_font_description_free(desc);
    if (font.letter_spacing != 0) {
        PangoAttrList* attrs = pango_attr_list_new();
        pango_attr_list_insert(attrs, pango_attr_letter_spacing_new(
                                          static_cast<int>(font.letter_spacing * PANGO_SCALE)));
        pango_layout_set_attributes(layout, attrs);
        pango_attr_list_unref(attrs);
    }
    pango_layout_set_text(layout, text.c_str(), static_cast<int>(text.size()));
    PangoRectangle logical;
    pango_layout_get_extents(layout, nullptr, &logical);
    out.text = text;
    out.font = font;
    out.width = static_cast<double>(logical.width) / PANGO_SCALE;
    out.height = static_cast<double>(logical.height) / PANGO_SCALE;
    out.baseline = static_cast<double>(pango_layout_get_baseline(layout)) / PANGO_SCALE;
    return out;
}

std::future<void> warm_up_fonts(const std::string& family) {
    return std::async(std::launch::async, [family] {
        // fontconfig's configuration and cairo's FreeType faces are
        // process-wide: shaping once here fills them for every thread.
        const TextShaper shaper;
        FontSpec f;
        f.family = family;
        shaper.shape("Ag", f);
        f.bold = true;
        shaper.shape("Ag", f);
    });
}

// ---------------------------------------------------------------- CairoCanvas

// PNG (an ARGB32 image surface) or PDF (a vector surface streaming into a
// string). Owns its surface and context.
class CairoCanvas final : public Canvas {
  public:
    CairoCanvas(OutputFormat format, double width, double height)
        : Canvas(width, height), m_format(format) {
        if (format == OutputFormat::Pdf) {
            m_surface.reset(
                cairo_pdf_surface_create_for_stream(append_to_string, &m_pdf, width, height));
        } else {
            m_surface.reset(cairo_image_surface_create(CAIRO_FORMAT_ARGB32,
                                                       static_cast<int>(std::lround(width)),
                                                       static_cast<int>(std::lround(height))));
        }
        check(cairo_surface_status(m_surface.get()), "cannot create a surface");
        m_cr.reset(cairo_create(m_surface.get()));
        check(cairo_status(m_cr.get()), "cannot create a context");
    }

    void fill(const Path& path, const Color& color, bool even_odd) override {
        if (path.empty() || !color.visible()) return;
        trace(path);
        set(color);
        cairo_set_fill_rule(m_cr.get(),
                            even_odd ? CAIRO_FILL_RULE_EVEN_ODD : CAIRO_FILL_RULE_WINDING);
        cairo_fill(m_cr.get());
    }

    void stroke(const Path& path, const Stroke& s) override {
        if (path.empty() || !s.color.visible() || s.width <= 0) return;
        if (hairline(path, s)) return;
        trace(path);
        apply(s);
        cairo_stroke(m_cr.get());
    }

    void hatch(const Path& path, const Color& color, double spacing, double line_width) override {
        if (path.empty() || !color.visible() || spacing <= 0) return;
        cairo_t* cr = m_cr.get();
        cairo_save(cr);
        trace(path);
        cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
        cairo_clip(cr);
        double x0, y0, x1, y1;
        cairo_clip_extents(cr, &x0, &y0, &x1, &y1);
        // Lines at 45°, aligned to the page so neighbouring areas match.
        const double start = std::floor((x0 - y1) / spacing) * spacing;
        for (double c = start; c < x1 - y0; c += spacing) {
            cairo_move_to(cr, c + y0, y0);
            cairo_line_to(cr, c + y1, y1);
        }
        set(color);
        cairo_set_line_width(cr, line_width);
        cairo_stroke(cr);
        cairo_restore(cr);
    }

    void circle(double cx, double cy, double r, const std::optional<Color>& fill,
                const std::optional<Stroke>& stroke) override {
        cairo_t* cr = m_cr.get();
        cairo_new_path(cr);
        cairo_arc(cr, cx, cy, r, 0, 2 * M_PI);
        paint_current(fill, stroke);
    }

    void rect(double x, double y, double w, double h, const std::optional<Color>& fill,
              const std::optional<Stroke>& stroke, double radius) override {
        cairo_t* cr = m_cr.get();
        cairo_new_path(cr);
        if (radius <= 0) {
            cairo_rectangle(cr, x, y, w, h);
        } else {
            radius = std::min({radius, w / 2, h / 2});
            cairo_new_sub_path(cr);
            cairo_arc(cr, x + w - radius, y + radius, radius, -M_PI / 2, 0);
            cairo_arc(cr, x + w - radius, y + h - radius, radius, 0, M_PI / 2);
            cairo_arc(cr, x + radius, y + h - radius, radius, M_PI / 2, M_PI);
            cairo_arc(cr, x + radius, y + radius, radius, M_PI, 3 * M_PI / 2);
            cairo_close_path(cr);
        }
        paint_current(fill, stroke);
    }

    void text(const ShapedText& t, double x, double y, const Color& color, const Color& halo,
              double halo_width) override {
        auto* layout = static_cast<PangoLayout*>(t.m_layout.get());
        if (!layout) return;
        cairo_t* cr = m_cr.get();
        if (halo.visible() && halo_width > 0) {
            cairo_new_path(cr);
            cairo_move_to(cr, x, y);
            pango_cairo_layout_path(cr, layout);
            set(halo);
            cairo_set_line_width(cr, 2 * halo_width);
            cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
            cairo_stroke(cr);
        }
        cairo_new_path(cr);
        cairo_move_to(cr, x, y);
        set(color);
        // show_layout, not a path: PDF keeps the text as text (selectable,
        // searchable, fonts embedded as subsets).
        pango_cairo_show_layout(cr, layout);
        cairo_new_path(cr);
    }

    void image(const std::vector<std::uint32_t>& argb, int pw, int ph, double x, double y, double w,
               double h) override {
        if (pw <= 0 || ph <= 0) return;
        const int stride = cairo_format_stride_for_width(CAIRO_FORMAT_ARGB32, pw);
        std::vector<unsigned char> buffer(static_cast<std::size_t>(stride) * ph);
        for (int row = 0; row < ph; ++row)
            std::memcpy(buffer.data() + static_cast<std::size_t>(row) * stride,
                        argb.data() + static_cast<std::size_t>(row) * pw,
                        4 * static_cast<std::size_t>(pw));
        SurfacePtr img(cairo_image_surface_create_for_data(buffer.data(), CAIRO_FORMAT_ARGB32, pw,
                                                           ph, stride));
        cairo_t* cr = m_cr.get();
        cairo_save(cr);
        cairo_translate(cr, x, y);
        cairo_scale(cr, w / pw, h / ph);
        cairo_set_source_surface(cr, img.get(), 0, 0);
        cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_BILINEAR);
        cairo_paint(cr);
        cairo_restore(cr);
        // PDF surfaces may keep a reference to the image until finished.
        cairo_surface_flush(m_surface.get());
        if (m_format == OutputFormat::Pdf) m_keep.push_back(std::move(buffer));
    }

    void push_clip(double x, double y, double w, double h) override {
        const Clip& top = m_clips.back();
        m_clips.push_back({std::max(top.x0, x), std::max(top.y0, y), std::min(top.x1, x + w), std::min(top.y1, y + h)});
        cairo_save(m_cr.get());
        cairo_new_path(m_cr.get());
        cairo_rectangle(m_cr.get(), x, y, w, h);
        cairo_clip(m_cr.get());
    }

    void pop_clip() override {
        if (m_clips.size() > 1) m_clips.pop_back();
        cairo_restore(m_cr.get());
    }

    std::string finish() override {
        check(cairo_status(m_cr.get()), "drawing failed");
        m_cr.reset();
        if (m_format == OutputFormat::Pdf) {
            cairo_surface_finish(m_surface.get());
            check(cairo_surface_status(m_surface.get()), "cannot write the PDF");
            m_surface.reset();
            return std::move(m_pdf);
        }
        cairo_surface_flush(m_surface.get());
        std::string png = png_of_argb32(cairo_image_surface_get_data(m_surface.get()),
                                   cairo_image_surface_get_width(m_surface.get()),
                                   cairo_image_surface_get_height(m_surface.get()),
                                   cairo_image_surface_get_stride(m_surface.get()));
        m_surface.reset();
        return png;
    }

  private:
    struct Clip {
        double x0, y0, x1, y1;
    };

    // Thin solid lines on a PNG (admin-1 and coastlines, ≤ 1 px): drawn
    // straight into the pixels as Xiaolin Wu's anti-aliased lines. Cairo's
    // stroker costs ~1.5 µs a segment whatever the width (admin-1 of the
    // Caucasus at 10m: 11 ms); a Wu line costs a few ns a pixel. Wider,
    // dashed, PDF and SVG lines go through Cairo.
    bool hairline(const Path& path, const Stroke& s) {
        if (m_format != OutputFormat::Png || !s.dash.empty() || s.width > 1.0) return false;
        cairo_surface_t* surface = m_surface.get();
        cairo_surface_flush(surface);
        m_pixels = cairo_image_surface_get_data(surface);
        m_stride = cairo_image_surface_get_stride(surface);
        const Clip& c = m_clips.back();
        m_clip = {std::max(0.0, c.x0), std::max(0.0, c.y0),
                  std::min<double>(cairo_image_surface_get_width(surface), c.x1),
                  std::min<double>(cairo_image_surface_get_height(surface), c.y1)};
        const double a = s.color.a * s.width;  // a line narrower than a pixel covers less of it
        m_ink = {s.color.r, s.color.g, s.color.b, a};
        const double* p = path.xy.data();
        for (const std::uint32_t n : path.counts) {
            for (std::uint32_t i = 1; i < n; ++i) line(p[2 * i - 2], p[2 * i - 1], p[2 * i], p[2 * i + 1]);
            if (path.closed && n > 2) line(p[2 * n - 2], p[2 * n - 1], p[0], p[1]);
            p += 2 * n;
        }
        cairo_surface_mark_dirty(surface);
        return true;
    }

    void plot(int x, int y, double coverage) {
        if (x < m_clip.x0 || y < m_clip.y0 || x >= m_clip.x1 || y >= m_clip.y1 || coverage <= 0) return;
        auto* px = reinterpret_cast<std::uint32_t*>(m_pixels + static_cast<std::size_t>(y) * m_stride) + x;
        const double a = m_ink.a * std::min(coverage, 1.0);
        const double keep = 1 - a;
        const std::uint32_t d = *px;
        auto mix = [&](double src, unsigned dst) {
            return static_cast<std::uint32_t>(std::min(255.0, src * a * 255 + dst * keep + 0.5));
        };
        const std::uint32_t na = static_cast<std::uint32_t>(std::min(255.0, a * 255 + (d >> 24) * keep + 0.5));
        *px = (na << 24) | (mix(m_ink.r, (d >> 16) & 0xff) << 16) | (mix(m_ink.g, (d >> 8) & 0xff) << 8) |
              mix(m_ink.b, d & 0xff);
    }

    // Liang–Barsky against the clip grown by a pixel, then Wu.
    void line(double x0, double y0, double x1, double y1) {
        double t0 = 0, t1 = 1;
        const double dx = x1 - x0, dy = y1 - y0;
        const double box[4][2] = {{-dx, x0 - (m_clip.x0 - 1)}, {dx, (m_clip.x1 + 1) - x0},
                                  {-dy, y0 - (m_clip.y0 - 1)}, {dy, (m_clip.y1 + 1) - y0}};
        for (const auto& [pq, q] : box) {
            if (pq == 0) {
                if (q < 0) return;
                continue;
            }
            const double r = q / pq;
            if (pq < 0) {
                if (r > t1) return;
                t0 = std::max(t0, r);
            } else {
                if (r < t0) return;
                t1 = std::min(t1, r);
            }
        }
        wu(x0 + t0 * dx, y0 + t0 * dy, x0 + t1 * dx, y0 + t1 * dy);
    }

    void wu(double x0, double y0, double x1, double y1) {
        // Pixel centres are at .5 in Cairo's space.
        x0 -= 0.5;
        y0 -= 0.5;
        x1 -= 0.5;
        y1 -= 0.5;
        const bool steep = std::abs(y1 - y0) > std::abs(x1 - x0);
        if (steep) {
            std::swap(x0, y0);
            std::swap(x1, y1);
        }
        if (x0 > x1) {
            std::swap(x0, x1);
            std::swap(y0, y1);
        }
        const double dx = x1 - x0;
        const double gradient = dx < 1e-9 ? 0 : (y1 - y0) / dx;
        // A line's ink per column is 1 along its major axis; a diagonal one
        // is longer per column by this factor.
        const double weight = std::sqrt(1 + gradient * gradient);
        auto put = [&](int major, int minor, double c) {
            steep ? plot(minor, major, c * weight) : plot(major, minor, c * weight);
        };
        const int xs = static_cast<int>(std::round(x0)), xe = static_cast<int>(std::round(x1));
        for (int x = xs; x <= xe; ++x) {
            // The share of this column the segment spans (ends are partial).
            const double left = std::max(x - 0.5, x0), right = std::min(x + 0.5, x1);
            const double span = dx < 1e-9 ? 1 : std::max(0.0, right - left);
            if (span <= 0) continue;
            const double y = y0 + gradient * ((left + right) / 2 - x0);
            const int iy = static_cast<int>(std::floor(y));
            const double f = y - iy;
            put(x, iy, (1 - f) * span);
            put(x, iy + 1, f * span);
        }
    }

    std::vector<Clip> m_clips{{-1e9, -1e9, 1e9, 1e9}};
    Clip m_clip{};
    Color m_ink;
    unsigned char* m_pixels = nullptr;
    int m_stride = 0;

    void trace(const Path& path) {
        cairo_t* cr = m_cr.get();
        cairo_new_path(cr);
        const double* p = path.xy.data();
        for (const std::uint32_t n : path.counts) {
            if (n == 0) continue;
            cairo_move_to(cr, p[0], p[1]);
            for (std::uint32_t i = 1; i < n; ++i) cairo_line_to(cr, p[2 * i], p[2 * i + 1]);
            if (path.closed) cairo_close_path(cr);
            p += 2 * n;
        }
    }

    void set(const Color& c) { cairo_set_source_rgba(m_cr.get(), c.r, c.g, c.b, c.a); }

    void apply(const Stroke& s) {
        cairo_t* cr = m_cr.get();
        set(s.color);
        cairo_set_line_width(cr, s.width);
        cairo_set_line_join(cr, s.round ? CAIRO_LINE_JOIN_ROUND : CAIRO_LINE_JOIN_MITER);
        cairo_set_line_cap(cr, s.round ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT);
        cairo_set_dash(cr, s.dash.empty() ? nullptr : s.dash.data(),
                       static_cast<int>(s.dash.size()), 0);
    }

    void paint_current(const std::optional<Color>& fill, const std::optional<Stroke>& stroke) {
        cairo_t* cr = m_cr.get();
        if (fill && fill->visible()) {
            set(*fill);
            if (stroke && stroke->color.visible()) {
                cairo_fill_preserve(cr);
            } else {
                cairo_fill(cr);
                return;
            }
        }
        if (stroke && stroke->color.visible() && stroke->width > 0) {
            apply(*stroke);
            cairo_stroke(cr);
        }
        cairo_new_path(cr);
    }

    OutputFormat m_format;
    std::string m_pdf;
    SurfacePtr m_surface;
    CairoPtr m_cr;
    std::vector<std::vector<unsigned char>> m_keep;
};

std::unique_ptr<Canvas> Canvas::create(OutputFormat format, double width, double height) {
    if (format == OutputFormat::Svg) return detail::make_svg_canvas(width, height);
    return std::make_unique<CairoCanvas>(format, width, height);
}

// ---------------------------------------------------------------- PNG helpers

RgbaImage decode_png(std::string_view png) {
    PngReader reader{png, 0};
    SurfacePtr s(cairo_image_surface_create_from_png_stream(read_from_view, &reader));
    check(cairo_surface_status(s.get()), "cannot decode the PNG");
    RgbaImage out;
    out.width = cairo_image_surface_get_width(s.get());
    out.height = cairo_image_surface_get_height(s.get());
    const int stride = cairo_image_surface_get_stride(s.get());
    const auto format = cairo_image_surface_get_format(s.get());
    const unsigned char* data = cairo_image_surface_get_data(s.get());
    out.rgba.resize(static_cast<std::size_t>(out.width) * out.height * 4);
    for (int y = 0; y < out.height; ++y) {
        const auto* row =
            reinterpret_cast<const std::uint32_t*>(data + static_cast<std::size_t>(y) * stride);
        for (int x = 0; x < out.width; ++x) {
            const std::uint32_t p = row[x];
            unsigned a = format == CAIRO_FORMAT_RGB24 ? 255 : (p >> 24) & 0xff;
            unsigned r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
            if (a > 0 && a < 255) {
                r = r * 255 / a;
                g = g * 255 / a;
                b = b * 255 / a;
            }
            std::uint8_t* o = &out.rgba[(static_cast<std::size_t>(y) * out.width + x) * 4];
            o[0] = static_cast<std::uint8_t>(r);
            o[1] = static_cast<std::uint8_t>(g);
            o[2] = static_cast<std::uint8_t>(b);
            o[3] = static_cast<std::uint8_t>(a);
        }
    }
    return out;
}

std::string encode_png_argb(const std::vector<std::uint32_t>& argb, int width, int height) {
    SurfacePtr s(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height));
    check(cairo_surface_status(s.get()), "cannot create an image");
    cairo_surface_flush(s.get());
    unsigned char* data = cairo_image_surface_get_data(s.get());
    const int stride = cairo_image_surface_get_stride(s.get());
    for (int y = 0; y < height; ++y)
        std::memcpy(data + static_cast<std::size_t>(y) * stride,
                    argb.data() + static_cast<std::size_t>(y) * width,
                    4 * static_cast<std::size_t>(width));
    cairo_surface_mark_dirty(s.get());
    std::string png;
    check(cairo_surface_write_to_png_stream(s.get(), append_to_string, &png),
          "cannot encode the PNG");
    return png;
}

std::string encode_png(const RgbaImage& image) {
    std::vector<std::uint32_t> argb(static_cast<std::size_t>(image.width) * image.height);
    for (std::size_t i = 0; i < argb.size(); ++i) {
        const std::uint8_t* p = &image.rgba[i * 4];
        const unsigned a = p[3];
        argb[i] = (a << 24) | ((p[0] * a / 255) << 16) | ((p[1] * a / 255) << 8) | (p[2] * a / 255);
    }
    return encode_png_argb(argb, image.width, image.height);
}

}  // namespace conflictmap::geo
