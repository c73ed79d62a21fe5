/* fuzz_json_in.c: JSON body parsing with the caps, then every typed getter on every
 * key of the result. */
#include "web/json_in.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *err = NULL;
	json_t *o = json_in_parse((const char *)data, size, 0, 8, &err);
	if (!o) {
		if (!err)
			abort();
		return 0;
	}
	struct field_errors e;
	fielderr_init(&e);
	const char *key;
	json_t *v;
	json_object_foreach(o, key, v)
	{
		int64_t n;
		bool b;
		json_in_string(o, key, true, 100, false, &e);
		json_in_string(o, key, false, 100, true, &e);
		json_in_int(o, key, true, -5, 5, &n, &e);
		json_in_bool(o, key, false, &b, &e);
		json_in_array(o, key, false, 3, &e);
		json_in_object(o, key, false, &e);
	}
	const char *allowed[] = {"username", "password", NULL};
	json_in_only(o, allowed, &e);
	json_decref(o);
	return 0;
}
