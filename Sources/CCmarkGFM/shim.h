// cmark-gfm and its GFM extensions (tables, strikethrough, autolink).
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
