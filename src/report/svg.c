/* svg.c: escaped text, locale-free numbers and the accessible opening of an SVG
 * picture (see svg.h). */
#include "report/svg.h"

#include <math.h>

/* Length of the valid UTF-8 sequence at s (1..4) that XML can carry, or 0. */
static int xml_char(const unsigned char *s, size_t avail)
{
	unsigned c = s[0];
	if (c < 0x80)
		return c >= 0x20 && c != 0x7f ? 1 : 0;
	int n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
	if (n == 0 || c > 0xF4 || (size_t)n > avail)
		return 0;
	uint32_t cp = c & (0x7Fu >> n);
	for (int i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
		return 0; /* overlong or out of range */
	if ((cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF ||
	    (cp >= 0x80 && cp <= 0x9F))
		return 0; /* surrogates, non-characters, C1 controls */
	return n;
}

int svg_put_text(struct buf *b, const char *s, size_t max_bytes)
{
	if (!s)
		return 0;
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), used = 0;
	int rc = 0;
	while (*p) {
		int n = xml_char(p, len - (size_t)(p - (const unsigned char *)s));
		size_t step = n ? (size_t)n : 1;
		if (max_bytes && used + step > max_bytes) {
			rc |= buf_puts(b, "\xE2\x80\xA6"); /* ... */
			break;
		}
		used += step;
		if (n == 0)
			rc |= buf_puts(b, "\xEF\xBF\xBD"); /* U+FFFD */
		else if (*p == '&')
			rc |= buf_puts(b, "&amp;");
		else if (*p == '<')
			rc |= buf_puts(b, "&lt;");
		else if (*p == '>')
			rc |= buf_puts(b, "&gt;");
		else if (*p == '"')
			rc |= buf_puts(b, "&quot;");
		else if (*p == '\'')
			rc |= buf_puts(b, "&#39;");
		else
			rc |= buf_append(b, p, step);
		p += step;
	}
	return rc ? -1 : 0;
}

int svg_put_num(struct buf *b, double v)
{
	if (!isfinite(v) || fabs(v) > 1e12)
		v = 0;
	long long t = llround(v * 10.0);
	bool neg = t < 0;
	unsigned long long a = neg ? (unsigned long long)(-t) : (unsigned long long)t;
	return buf_printf(b, "%s%llu.%llu", neg ? "-" : "", a / 10, a % 10);
}

bool svg_id_ok(const char *s)
{
	if (!s || !((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
		return false;
	size_t n = 0;
	for (; s[n]; n++) {
		char c = s[n];
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		          (c >= '0' && c <= '9') || c == '_' || c == '-';
		if (!ok || n >= 32)
			return false;
	}
	return true;
}

int svg_open(struct buf *b, int w, int h, const char *id, const char *title, const char *desc)
{
	if (!svg_id_ok(id))
		return -1;
	int rc = buf_printf(b,
	                    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
	                    "role=\"img\" aria-labelledby=\"%s-title %s-desc\">\n"
	                    "<title id=\"%s-title\">",
	                    w, h, id, id, id);
	rc |= svg_put_text(b, title, 0);
	rc |= buf_printf(b, "</title>\n<desc id=\"%s-desc\">", id);
	rc |= svg_put_text(b, desc, 0);
	rc |= buf_puts(b, "</desc>\n");
	return rc ? -1 : 0;
}

int svg_close(struct buf *b)
{
	return buf_puts(b, "</svg>\n");
}
