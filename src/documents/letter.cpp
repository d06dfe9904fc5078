// Letters drawn with Pango on a Cairo PDF surface. Each letter is laid out twice by the same
// code: once to count its pages, then again to draw them with "page/pages" in every footer.
#include "documents/letter.hpp"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <numeric>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace hms::documents {

namespace {

constexpr double kMm = 72.0 / 25.4;                           // points per millimetre
constexpr double kPageWidth = 595.276, kPageHeight = 841.89;  // A4, in points
constexpr double kMargin = 20 * kMm;
constexpr double kContentWidth = kPageWidth - 2 * kMargin;
constexpr double kContentBottom = kPageHeight - 25 * kMm;  // text stops here, the footer is below
constexpr double kFooterTop = kPageHeight - 16 * kMm;
constexpr double kPageNumberWidth = 20 * kMm;
// The window of a DL envelope (220 x 110 mm, window on the right) over an A4 folded in three.
constexpr double kWindowLeft = 110 * kMm, kWindowTop = 50 * kMm, kWindowWidth = 80 * kMm;
constexpr double kBodyTop = 100 * kMm;  // the body starts under the first fold at the earliest
constexpr double kGap = 7;              // points after a paragraph
constexpr double kCellPadX = 4, kCellPadY = 3;
constexpr const char* kFamily = "DejaVu Sans, Sans";

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
struct Unref {
  void operator()(void* p) const { g_object_unref(p); }
};
using Surface = std::unique_ptr<cairo_surface_t, Deleter<cairo_surface_t, cairo_surface_destroy>>;
using Cairo = std::unique_ptr<cairo_t, Deleter<cairo_t, cairo_destroy>>;
using Font = std::unique_ptr<PangoFontDescription,
                             Deleter<PangoFontDescription, pango_font_description_free>>;
using LineIter = std::unique_ptr<PangoLayoutIter, Deleter<PangoLayoutIter, pango_layout_iter_free>>;
using Layout = std::unique_ptr<PangoLayout, Unref>;
using Context = std::unique_ptr<PangoContext, Unref>;

Font font(int points, bool bold) {
  Font f(pango_font_description_from_string(kFamily));
  pango_font_description_set_size(f.get(), points * PANGO_SCALE);
  if (bold) pango_font_description_set_weight(f.get(), PANGO_WEIGHT_BOLD);
  return f;
}

struct Fonts {
  Font regular = font(10, false), bold = font(10, true), small = font(8, false);
};

double points(int pango_units) { return pango_units / double(PANGO_SCALE); }

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += (text.empty() ? "" : "\n") + line;
  return text;
}

// Writes one letter, top to bottom, page after page. Built with `pages` 0 it draws nothing and
// only counts the pages; built with that count, it draws them.
class Pen {
 public:
  Pen(cairo_t* cr, PangoContext* context, const Fonts& all_fonts, std::string_view footer,
      int pages)
      : fonts(all_fonts), cr_(cr), context_(context), footer_(footer), pages_(pages) {}

  const Fonts& fonts;
  double y = kMargin;  // where the next line goes on the current page
  int page() const { return page_; }

  // `text` wrapped at `width` points (never when width <= 0).
  Layout layout(std::string_view text, const Font& font, double width,
                PangoAlignment align = PANGO_ALIGN_LEFT) const {
    Layout l(pango_layout_new(context_));
    pango_layout_set_font_description(l.get(), font.get());
    pango_layout_set_width(l.get(), width > 0 ? static_cast<int>(width * PANGO_SCALE) : -1);
    pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(l.get(), align);
    pango_layout_set_text(l.get(), text.data(), static_cast<int>(text.size()));
    return l;
  }
  static double width(const Layout& l) {
    int width = 0;
    pango_layout_get_size(l.get(), &width, nullptr);
    return points(width);
  }
  static double height(const Layout& l) {
    int height = 0;
    pango_layout_get_size(l.get(), nullptr, &height);
    return points(height);
  }

  // The whole layout with its top-left corner at (x, top) on the current page.
  void place(const Layout& l, double x, double top) {
    if (!drawing()) return;
    cairo_move_to(cr_, x, top);
    pango_cairo_show_layout(cr_, l.get());
  }

  // `text` from y at x, line after line, going on at the top of a new page when one is full;
  // then a gap.
  void flow(std::string_view text, const Font& font, double x = kMargin,
            double width = kContentWidth, double gap = kGap) {
    if (text.empty()) return;
    const auto l = layout(text, font, width);
    const LineIter it(pango_layout_get_iter(l.get()));
    do {
      PangoRectangle line;
      pango_layout_iter_get_line_extents(it.get(), nullptr, &line);
      make_room(points(line.height));
      if (drawing()) {
        const double baseline = points(pango_layout_iter_get_baseline(it.get()) - line.y);
        cairo_move_to(cr_, x + points(line.x), y + baseline);
        pango_cairo_show_layout_line(cr_, pango_layout_iter_get_line_readonly(it.get()));
      }
      y += points(line.height);
    } while (pango_layout_iter_next_line(it.get()));
    y += gap;
  }

  // Goes to a new page unless `height` points fit under y (or y is at the top already).
  bool make_room(double height) {
    if (y + height <= kContentBottom || y <= kMargin) return false;
    finish_page();
    ++page_;
    y = kMargin;
    return true;
  }

  // A horizontal line across the text width at `at`; gray 0 is black, 1 white.
  void rule(double at, double gray, double thickness) {
    if (!drawing()) return;
    cairo_set_source_rgb(cr_, gray, gray, gray);
    cairo_set_line_width(cr_, thickness);
    cairo_move_to(cr_, kMargin, at);
    cairo_line_to(cr_, kMargin + kContentWidth, at);
    cairo_stroke(cr_);
    cairo_set_source_rgb(cr_, 0, 0, 0);
  }

  // The footer (text left, "page/pages" right) in gray, then the page is output.
  void finish_page() {
    if (!drawing()) return;
    rule(kFooterTop - 2 * kMm, 0.7, 0.4);
    cairo_set_source_rgb(cr_, 0.3, 0.3, 0.3);
    place(layout(footer_, fonts.small, kContentWidth - kPageNumberWidth), kMargin, kFooterTop);
    const auto number = std::to_string(page_) + "/" + std::to_string(pages_);
    place(layout(number, fonts.small, kPageNumberWidth, PANGO_ALIGN_RIGHT),
          kMargin + kContentWidth - kPageNumberWidth, kFooterTop);
    cairo_set_source_rgb(cr_, 0, 0, 0);
    cairo_show_page(cr_);
  }

 private:
  bool drawing() const { return pages_ > 0; }

  cairo_t* cr_;
  PangoContext* context_;
  std::string_view footer_;
  int pages_;
  int page_ = 1;
};

bool right_aligned(const Table& table, std::size_t column) {
  return column < table.align_right.size() && table.align_right[column];
}

// The widths of the table's columns, together the text width:
//   1. each column as wide as its longest cell, unwrapped (the header in bold);
//   2. when that fits, the room left goes to the left-aligned (text) columns, or to all if none;
//   3. when it does not, the columns wider than an equal share are narrowed in proportion to
//      their width, and their cells wrap.
std::vector<double> column_widths(const Table& table, std::size_t columns, const Pen& pen) {
  const auto right = [&](std::size_t i) { return right_aligned(table, i); };
  // 1. Natural widths.
  std::vector<double> widths(columns, 2 * kCellPadX);
  const auto widen = [&](const std::vector<std::string>& cells, const Font& font) {
    for (std::size_t i = 0; i < cells.size(); ++i)
      widths[i] = std::max(widths[i], Pen::width(pen.layout(cells[i], font, 0)) + 2 * kCellPadX);
  };
  widen(table.header, pen.fonts.bold);
  for (const auto& row : table.rows) widen(row, pen.fonts.regular);
  const double total = std::accumulate(widths.begin(), widths.end(), 0.0);
  // 2. It fits: widen the text columns.
  if (total <= kContentWidth) {
    double text_total = 0;
    for (std::size_t i = 0; i < columns; ++i) text_total += right(i) ? 0 : widths[i];
    for (std::size_t i = 0; i < columns; ++i) {
      const double share =
          text_total > 0 ? (right(i) ? 0 : widths[i] / text_total) : widths[i] / total;
      widths[i] += (kContentWidth - total) * share;
    }
    return widths;
  }
  // 3. Too wide: narrow the wide columns.
  const double equal = kContentWidth / double(columns);
  double narrow_total = 0, wide_total = 0;
  for (double w : widths) (w <= equal ? narrow_total : wide_total) += w;
  for (double& w : widths)
    if (w > equal) w = (kContentWidth - narrow_total) * w / wide_total;
  return widths;
}

// The table at y: a bold header row, then the rows, each with a light rule under it. A row never
// splits; on each new page the header row comes again.
void draw_table(const Table& table, Pen& pen) {
  std::size_t columns = table.header.size();
  for (const auto& row : table.rows) columns = std::max(columns, row.size());
  if (columns == 0) return;
  const auto widths = column_widths(table, columns, pen);
  struct Row {
    std::vector<Layout> cells;
    double height = 0;
  };
  const auto lay_out_row = [&](const std::vector<std::string>& texts, const Font& font) {
    Row row;
    for (std::size_t i = 0; i < columns; ++i) {
      row.cells.push_back(
          pen.layout(i < texts.size() ? texts[i] : "", font, widths[i] - 2 * kCellPadX,
                     right_aligned(table, i) ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT));
      row.height = std::max(row.height, Pen::height(row.cells.back()) + 2 * kCellPadY);
    }
    return row;
  };
  const auto draw = [&](const Row& row, double rule_gray, double rule_thickness) {
    double x = kMargin;
    for (std::size_t i = 0; i < columns; ++i) {
      pen.place(row.cells[i], x + kCellPadX, pen.y + kCellPadY);
      x += widths[i];
    }
    pen.y += row.height;
    pen.rule(pen.y, rule_gray, rule_thickness);
  };
  const Row header = table.header.empty() ? Row{} : lay_out_row(table.header, pen.fonts.bold);
  const auto draw_header = [&] {
    if (table.header.empty()) return;
    pen.rule(pen.y, 0.3, 0.8);
    draw(header, 0.3, 0.8);
  };
  std::vector<Row> rows;
  for (const auto& texts : table.rows) rows.push_back(lay_out_row(texts, pen.fonts.regular));
  pen.make_room(header.height + (rows.empty() ? 0 : rows.front().height));
  draw_header();
  for (const auto& row : rows) {
    if (pen.make_room(row.height)) draw_header();
    draw(row, 0.8, 0.4);
  }
  pen.y += kGap;
}

// The letter from the top of a new page to its last line; the last page is left open.
void lay_out(const Letter& letter, Pen& pen) {
  const auto& fonts = pen.fonts;
  // 1. The sender top-left, its first line (the agency) in bold; the recipient in the window.
  double sender_bottom = kMargin;
  for (std::size_t i = 0; i < letter.sender.size(); ++i) {
    const auto line = pen.layout(letter.sender[i], i == 0 ? fonts.bold : fonts.regular,
                                 kWindowLeft - kMargin - 5 * kMm);
    pen.place(line, kMargin, sender_bottom);
    sender_bottom += Pen::height(line);
  }
  const auto recipient = pen.layout(joined(letter.recipient), fonts.regular, kWindowWidth);
  if (!letter.recipient.empty()) pen.place(recipient, kWindowLeft, kWindowTop);
  // 2. Place and date under the window, reference, subject in bold, salutation.
  pen.y = std::max(
      {sender_bottom + 10 * kMm, kWindowTop + Pen::height(recipient) + 10 * kMm, kBodyTop});
  pen.flow(letter.place_date, fonts.regular, kWindowLeft, kWindowWidth, 2 * kGap);
  pen.flow(letter.reference, fonts.regular, kMargin, kContentWidth, 0);
  pen.flow(letter.subject, fonts.bold, kMargin, kContentWidth, 2 * kGap);
  pen.flow(letter.salutation, fonts.regular);
  // 3. The body: paragraphs, the table, the paragraphs after it.
  for (const auto& paragraph : letter.paragraphs) pen.flow(paragraph, fonts.regular);
  if (letter.table) draw_table(*letter.table, pen);
  for (const auto& paragraph : letter.after) pen.flow(paragraph, fonts.regular);
  // 4. Closing, then the signature kept together, with room to sign above it.
  pen.flow(letter.closing, fonts.regular);
  if (!letter.signature.empty()) {
    const auto signature = joined(letter.signature);
    pen.y += 2 * kGap;
    pen.make_room(Pen::height(pen.layout(signature, fonts.regular, kWindowWidth)));
    pen.flow(signature, fonts.regular, kWindowLeft, kWindowWidth, 0);
  }
}

cairo_status_t append(void* pdf, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(pdf)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

void check(cairo_status_t status) {
  if (status != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error(std::string("render_pdf: ") + cairo_status_to_string(status));
}

}  // namespace

std::string render_pdf(const std::vector<Letter>& letters, const std::string& title) {
  // One render at a time: the font map (and fontconfig behind it) is shared by all of them.
  static std::mutex mutex;
  const std::lock_guard lock(mutex);
  static PangoFontMap* const font_map = pango_cairo_font_map_new();
  std::string pdf;
  {
    const Surface surface(
        cairo_pdf_surface_create_for_stream(append, &pdf, kPageWidth, kPageHeight));
    check(cairo_surface_status(surface.get()));
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "hms");
    const Cairo cr(cairo_create(surface.get()));
    const Context context(pango_font_map_create_context(font_map));
    pango_cairo_context_set_resolution(context.get(), 72);  // font sizes in points, not pixels
    pango_cairo_update_context(cr.get(), context.get());
    const Fonts fonts;
    // Each letter: counted, then drawn knowing its number of pages.
    for (const auto& letter : letters) {
      Pen counter(cr.get(), context.get(), fonts, letter.footer, 0);
      lay_out(letter, counter);
      Pen pen(cr.get(), context.get(), fonts, letter.footer, counter.page());
      lay_out(letter, pen);
      pen.finish_page();
    }
    check(cairo_status(cr.get()));
    cairo_surface_finish(surface.get());
    check(cairo_surface_status(surface.get()));
  }
  return pdf;
}

}  // namespace hms::documents
