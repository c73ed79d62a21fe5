/*
 * handlers/page_forms.h: the page forms with the use case each one feeds, so that a
 * test can read every field a form posts through the form's own specs and hand the
 * result to the use case (tests/unit/test_web_page_forms.c): a form and its use case
 * then cannot disagree on a field name without a test failing. Each handler file that
 * has such forms lists them here; the lists are built once and never change.
 */
#ifndef LANTERN_WEB_HANDLERS_PAGE_FORMS_H
#define LANTERN_WEB_HANDLERS_PAGE_FORMS_H

#include <jansson.h>

#include "app/app.h"
#include "web/formspec.h"

#define PAGE_FORM_PARTS 3

struct page_form_use {
	const char *path; /* the page's path, for messages ("/episodes/{id}/forensic") */
	struct {
		const struct fs_field *specs;
		size_t n;
	} parts[PAGE_FORM_PARTS];   /* spec lists read into one object; unused ones n = 0 */
	app_uc *fn;                 /* the use case the form's object goes to */
	void (*adjust)(json_t *in); /* what the page does to the object first, or NULL */
};

/* The forms of pages_missing.c: reporting, the episode's forms and the profile.
 * Fills at most max entries of out and returns how many there are. */
size_t pages_missing_forms(struct page_form_use *out, size_t max);
/* The referral form of pages_referrals.c (child, referral and police parts). */
size_t pages_referral_forms(struct page_form_use *out, size_t max);

#endif
