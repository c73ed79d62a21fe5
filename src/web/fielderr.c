/* fielderr.c: the validation error list (see fielderr.h). */
#include "web/fielderr.h"

void fielderr_init(struct field_errors *e)
{
	memset(e, 0, sizeof(*e));
}

void fielderr_add(struct field_errors *e, const char *field, const char *message)
{
	if (fielderr_get(e, field))
		return;
	if (e->n == FIELDERR_MAX) {
		e->dropped++;
		return;
	}
	e->items[e->n].field = field;
	e->items[e->n].message = message;
	e->n++;
}

const char *fielderr_get(const struct field_errors *e, const char *field)
{
	for (size_t i = 0; i < e->n; i++)
		if (strcmp(e->items[i].field, field) == 0)
			return e->items[i].message;
	return NULL;
}
