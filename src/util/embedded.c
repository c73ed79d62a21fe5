/* embedded.c: lookup in the tables that cmake/embed.cmake generates. */
#include "util/embedded.h"

const struct embedded_file *embedded_find(const struct embedded_file *files, const char *name)
{
	for (const struct embedded_file *f = files; f->name; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}
