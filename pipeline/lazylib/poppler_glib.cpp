// poppler-glib's functions that lianghua calls (poppler/glib/poppler-document.h, poppler-page.h,
// poppler.h), loaded on first use (lazy_library.h). Each forwards to the library's own function of
// the same name and type; add one here when a new poppler function is called (the link fails until
// then: the program does not link poppler-glib itself).
#include <poppler.h>

#include "lazylib/lazy_library.h"

#ifndef LH_SONAME_POPPLER_GLIB
#error "LH_SONAME_POPPLER_GLIB (the library's SONAME) is set by CMakeLists.txt"
#endif

#define LH_REAL(name) LH_LAZY_REAL(LH_SONAME_POPPLER_GLIB, name)

extern "C" {

PopplerDocument* poppler_document_new_from_file(const char* uri, const char* password, GError** error) {
  LH_REAL(poppler_document_new_from_file);
  return real(uri, password, error);
}
PopplerDocument* poppler_document_new_from_bytes(GBytes* bytes, const char* password, GError** error) {
  LH_REAL(poppler_document_new_from_bytes);
  return real(bytes, password, error);
}
int poppler_document_get_n_pages(PopplerDocument* document) {
  LH_REAL(poppler_document_get_n_pages);
  return real(document);
}
PopplerPage* poppler_document_get_page(PopplerDocument* document, int index) {
  LH_REAL(poppler_document_get_page);
  return real(document, index);
}
PopplerPermissions poppler_document_get_permissions(PopplerDocument* document) {
  LH_REAL(poppler_document_get_permissions);
  return real(document);
}
gchar* poppler_document_get_author(PopplerDocument* document) {
  LH_REAL(poppler_document_get_author);
  return real(document);
}
gchar* poppler_document_get_creator(PopplerDocument* document) {
  LH_REAL(poppler_document_get_creator);
  return real(document);
}
gchar* poppler_document_get_producer(PopplerDocument* document) {
  LH_REAL(poppler_document_get_producer);
  return real(document);
}
gchar* poppler_document_get_subject(PopplerDocument* document) {
  LH_REAL(poppler_document_get_subject);
  return real(document);
}
gchar* poppler_document_get_title(PopplerDocument* document) {
  LH_REAL(poppler_document_get_title);
  return real(document);
}
GDateTime* poppler_document_get_creation_date_time(PopplerDocument* document) {
  LH_REAL(poppler_document_get_creation_date_time);
  return real(document);
}
GDateTime* poppler_document_get_modification_date_time(PopplerDocument* document) {
  LH_REAL(poppler_document_get_modification_date_time);
  return real(document);
}
GQuark poppler_error_quark(void) {
  LH_REAL(poppler_error_quark);
  return real();
}
void poppler_page_get_size(PopplerPage* page, double* width, double* height) {
  LH_REAL(poppler_page_get_size);
  real(page, width, height);
}
char* poppler_page_get_text(PopplerPage* page) {
  LH_REAL(poppler_page_get_text);
  return real(page);
}
gboolean poppler_page_get_text_layout(PopplerPage* page, PopplerRectangle** rectangles, guint* n_rectangles) {
  LH_REAL(poppler_page_get_text_layout);
  return real(page, rectangles, n_rectangles);
}
GList* poppler_page_get_image_mapping(PopplerPage* page) {
  LH_REAL(poppler_page_get_image_mapping);
  return real(page);
}
void poppler_page_free_image_mapping(GList* list) {
  LH_REAL(poppler_page_free_image_mapping);
  real(list);
}
void poppler_page_render(PopplerPage* page, cairo_t* cairo) {
  LH_REAL(poppler_page_render);
  real(page, cairo);
}
void poppler_page_render_for_printing(PopplerPage* page, cairo_t* cairo) {
  LH_REAL(poppler_page_render_for_printing);
  real(page, cairo);
}

}  // extern "C"
