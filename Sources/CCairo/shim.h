// Cairo with the surfaces metareport draws on (PNG, PDF, SVG) and the FreeType/fontconfig
// font backend it measures text with.
#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo-ft.h>
#include <fontconfig/fontconfig.h>
