/* together.c: the counter of the candidates for children missing together (see
 * together.h). */
#include "store/together.h"

int store_together_epoch(struct db *db, int64_t *n)
{
	return db_query_int64(db, n, "SELECT n FROM together_epoch WHERE id = 1", "");
}
