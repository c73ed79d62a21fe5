/* test_report_netexport.c: i2 Analyst's Notebook and Gephi CSV files of a network
 * (report/netexport.h): the exact columns, RFC 4180 escaping, the formula-injection
 * rule, a part of the network, streaming in chunks, and a sink that refuses. */
#include <setjmp.h>
#include <cmocka.h>

#include "report/netexport.h"

static struct graph *network(void)
{
	struct graph_node_in nodes[] = {
	        {"C1", GRAPH_CHILD, 2, false, "=cmd|' /C calc'!A0"},
	        {"P1", GRAPH_POC, 0, true, "Smith, \"Big\" J"},
	        {"L1", GRAPH_PLACE, 0, false, "+44 20 7946 0000"},
	        {"V1", GRAPH_VEHICLE, 0, false, "-AB12 CDE"},
	        {"T1", GRAPH_PHONE, 0, false, "@phone\nline two"},
	        {"C2", GRAPH_CHILD, 0, false, " padded "},
	};
	struct graph_link_in links[] = {
	        {"K-1", 0, 1, GRAPH_SEEN_WITH, 1767225600, 1769904000, true, true},
	        {NULL, 1, 2, GRAPH_VISITED, 0, 0, false, false},
	        {NULL, 1, 3, GRAPH_REGISTERED_KEEPER, 1751328000, 0, false, false},
	        {NULL, 5, 4, GRAPH_USES, 0, 0, false, false},
	};
	struct graph *g = NULL;
	assert_int_equal(
	        graph_build(nodes, ARRAY_LEN(nodes), links, ARRAY_LEN(links), NULL, &g, NULL),
	        GRAPH_OK);
	return g;
}

static char *file_of(struct graph *g, const struct graph_sub *s, enum netexport_file f)
{
	struct buf b = BUF_INIT(1 << 20);
	assert_int_equal(netexport_write(g, s, f, netexport_buf_sink, &b), GRAPH_OK);
	return buf_detach(&b, NULL);
}

static void test_i2_entities_and_links(void **state)
{
	struct graph *g = network();
	char *ent = file_of(g, NULL, NETEXPORT_I2_ENTITIES);
	assert_string_equal(ent, "Identity,Entity Type,Label,Category,Order\r\n"
	                         "C1,child,'=cmd|' /C calc'!A0,2,\r\n"
	                         "P1,person of concern,\"Smith, \"\"Big\"\" J\",,Y\r\n"
	                         "L1,place,'+44 20 7946 0000,,\r\n"
	                         "V1,vehicle,'-AB12 CDE,,\r\n"
	                         "T1,phone,\"'@phone\nline two\",,\r\n"
	                         "C2,child,\" padded \",0,\r\n");
	char *lnk = file_of(g, NULL, NETEXPORT_I2_LINKS);
	assert_string_equal(
	        lnk, "Link Identity,From Identity,From Entity Type,To Identity,To Entity Type,"
	             "Link Type,Label,Start Date,End Date,Grading,Restricted,Direction\r\n"
	             "K-1,C1,child,P1,person of concern,seen with,seen with,2026-01-01,"
	             "2026-02-01,intelligence,Y,None\r\n"
	             "L1,P1,person of concern,L1,place,visited,visited,,,fact,N,None\r\n"
	             "L2,P1,person of concern,V1,vehicle,registered keeper,registered "
	             "keeper,2025-07-01,,fact,N,None\r\n"
	             "L3,C2,child,T1,phone,uses,uses,,,fact,N,None\r\n");
	free(ent);
	free(lnk);
	graph_free(g);
}

static void test_gephi_nodes_and_edges(void **state)
{
	struct graph *g = network();
	char *nodes = file_of(g, NULL, NETEXPORT_GEPHI_NODES);
	assert_string_equal(nodes, "Id,Label,Type,Category,Order\r\n"
	                           "C1,'=cmd|' /C calc'!A0,child,2,\r\n"
	                           "P1,\"Smith, \"\"Big\"\" J\",person of concern,,Y\r\n"
	                           "L1,'+44 20 7946 0000,place,,\r\n"
	                           "V1,'-AB12 CDE,vehicle,,\r\n"
	                           "T1,\"'@phone\nline two\",phone,,\r\n"
	                           "C2,\" padded \",child,0,\r\n");
	char *edges = file_of(g, NULL, NETEXPORT_GEPHI_EDGES);
	assert_string_equal(edges, "Source,Target,Type,Id,Label,Kind,Start,End,Grading,"
	                           "Restricted,Weight\r\n"
	                           "C1,P1,Undirected,K-1,seen with,seen with,2026-01-01,2026-02-01,"
	                           "intelligence,Y,1\r\n"
	                           "P1,L1,Undirected,L1,visited,visited,,,fact,N,1\r\n"
	                           "P1,V1,Undirected,L2,registered keeper,registered keeper,"
	                           "2025-07-01,,fact,N,1\r\n"
	                           "C2,T1,Undirected,L3,uses,uses,,,fact,N,1\r\n");
	free(nodes);
	free(edges);
	graph_free(g);
}

static void test_export_of_a_part(void **state)
{
	struct graph *g = network();
	int32_t set[] = {1, 3};
	struct graph_sub s;
	assert_int_equal(graph_sub_of(g, set, 2, &s), GRAPH_OK);
	char *nodes = file_of(g, &s, NETEXPORT_GEPHI_NODES);
	assert_string_equal(nodes, "Id,Label,Type,Category,Order\r\n"
	                           "P1,\"Smith, \"\"Big\"\" J\",person of concern,,Y\r\n"
	                           "V1,'-AB12 CDE,vehicle,,\r\n");
	char *links = file_of(g, &s, NETEXPORT_I2_LINKS);
	assert_non_null(strstr(links, "\r\nL2,P1,person of concern,V1,vehicle,"));
	assert_null(strstr(links, "K-1"));
	free(nodes);
	free(links);
	graph_sub_release(&s);
	graph_free(g);
	assert_string_equal(netexport_file_name(NETEXPORT_I2_ENTITIES), "entities.csv");
	assert_string_equal(netexport_file_name(NETEXPORT_GEPHI_EDGES), "edges.csv");
	assert_null(netexport_file_name((enum netexport_file)9));
}

struct chunks {
	struct buf all;
	int calls;
	size_t largest;
	int refuse_after; /* refuse this call (1-based); 0 never */
};

static int chunk_sink(void *ctx, const char *data, size_t len)
{
	struct chunks *c = ctx;
	c->calls++;
	c->largest = len > c->largest ? len : c->largest;
	if (c->refuse_after && c->calls >= c->refuse_after)
		return -1;
	return buf_append(&c->all, data, len);
}

static void test_streams_in_chunks_and_stops_when_refused(void **state)
{
	enum { N = 5000 };
	struct graph_node_in *nodes = calloc(N, sizeof(*nodes));
	struct graph_link_in *links = calloc(N - 1, sizeof(*links));
	char(*ids)[16] = calloc(N, 16);
	assert_non_null(nodes);
	assert_non_null(links);
	assert_non_null(ids);
	for (int i = 0; i < N; i++) {
		snprintf(ids[i], 16, "N%05d", i);
		nodes[i] = (struct graph_node_in){ids[i], GRAPH_CHILD, i % 4, false, NULL};
		if (i)
			links[i - 1] = (struct graph_link_in){NULL, i - 1, i,     GRAPH_ASSOCIATE,
			                                      0,    0,     false, false};
	}
	struct graph *g = NULL;
	assert_int_equal(graph_build(nodes, N, links, N - 1, NULL, &g, NULL), GRAPH_OK);
	struct chunks c = {BUF_INIT(16 << 20), 0, 0, 0};
	assert_int_equal(netexport_write(g, NULL, NETEXPORT_I2_LINKS, chunk_sink, &c), GRAPH_OK);
	assert_true(c.calls > 3);
	assert_true(c.largest <= NETEXPORT_CHUNK);
	struct buf whole = BUF_INIT(16 << 20);
	assert_int_equal(netexport_write(g, NULL, NETEXPORT_I2_LINKS, netexport_buf_sink, &whole),
	                 GRAPH_OK);
	assert_int_equal(c.all.len, whole.len);
	assert_memory_equal(c.all.data, whole.data, whole.len);
	size_t lines = 0;
	for (size_t i = 0; i < whole.len; i++)
		lines += whole.data[i] == '\n';
	assert_int_equal(lines, N); /* header + N - 1 links */
	buf_release(&c.all);
	buf_release(&whole);
	struct chunks r = {BUF_INIT(16 << 20), 0, 0, 2};
	assert_int_equal(netexport_write(g, NULL, NETEXPORT_I2_LINKS, chunk_sink, &r),
	                 GRAPH_ELIMIT);
	assert_int_equal(r.calls, 2); /* stopped at the refusal */
	buf_release(&r.all);
	struct buf small = BUF_INIT(100);
	assert_int_equal(
	        netexport_write(g, NULL, NETEXPORT_GEPHI_NODES, netexport_buf_sink, &small),
	        GRAPH_ELIMIT);
	buf_release(&small);
	assert_int_equal(
	        netexport_write(g, NULL, (enum netexport_file)7, netexport_buf_sink, &small),
	        GRAPH_EINVAL);
	graph_free(g);
	free(nodes);
	free(links);
	free(ids);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_i2_entities_and_links),
	        cmocka_unit_test(test_gephi_nodes_and_edges),
	        cmocka_unit_test(test_export_of_a_part),
	        cmocka_unit_test(test_streams_in_chunks_and_stops_when_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
