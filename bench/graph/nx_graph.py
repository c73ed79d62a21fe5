#!/usr/bin/env python3
"""nx_graph.py: the network benchmark's whole-graph analysis in networkx, for the
ratio that bench_graph reports. bench_graph writes, into the directory given:
  meta.txt     "nodes exact_max samples seed"
  pairs.txt    one distinct linked pair "u v" per line (node indexes)
  sources.txt  the betweenness sources Lantern sampled in its large components
and this script times, on the same graph, what bench_graph times in C:
  components   nx.connected_components
  degree       G.degree
  betweenness  networkx's Brandes step (the loop of nx.betweenness_centrality) from
               every node of the components of 3..exact_max nodes (each on its own
               subgraph) plus the same sampled sources, each sampled component's
               values scaled by size / samples: the same estimator, so the values
               must agree with Lantern's
  communities  nx.community.louvain_communities(seed=seed) (networkx has no Leiden)
It writes results.txt ("key value" lines): times, counts, the modularity and every
non-zero betweenness value as bw_<node>. Reading the file is not timed.
"""
import os
import sys
import time

import networkx as nx
from networkx.algorithms.centrality.betweenness import (
    _accumulate_basic,
    _single_source_shortest_path_basic,
)


def main(d):
    with open(os.path.join(d, "meta.txt")) as f:
        n, exact_max, samples, seed = (int(x) for x in f.read().split())
    G = nx.Graph()
    G.add_nodes_from(range(n))
    t = time.perf_counter()
    with open(os.path.join(d, "pairs.txt")) as f:
        G.add_edges_from(tuple(map(int, line.split())) for line in f)
    t_build = time.perf_counter() - t
    with open(os.path.join(d, "sources.txt")) as f:
        sampled = [int(x) for x in f.read().split()]

    cpu = time.process_time()
    t = time.perf_counter()
    comps = list(nx.connected_components(G))
    t_comp = time.perf_counter() - t

    t = time.perf_counter()
    deg = dict(G.degree())
    t_deg = time.perf_counter() - t

    t = time.perf_counter()
    comp_of = {}
    for i, c in enumerate(comps):
        for v in c:
            comp_of[v] = i
    # networkx's own betweenness loop (the body of nx.betweenness_centrality; its k=
    # option samples over the whole graph, not per component). A source's step
    # initialises every node of the graph it is given, so each small component runs on
    # its own subgraph view, as a networkx user would; the large one on G.
    bw = dict.fromkeys(G, 0.0)
    for c in comps:
        if 3 <= len(c) <= exact_max:
            H = G.subgraph(c)
            for s in c:
                S, P, sigma, _ = _single_source_shortest_path_basic(H, s)
                bw, _ = _accumulate_basic(bw, S, P, sigma, s)
    for s in sampled:
        S, P, sigma, _ = _single_source_shortest_path_basic(G, s)
        bw, _ = _accumulate_basic(bw, S, P, sigma, s)
    for v in bw:
        bw[v] *= 0.5
    per = {}
    for v in sampled:
        per[comp_of[v]] = per.get(comp_of[v], 0) + 1
    for v in bw:
        k = per.get(comp_of[v])
        if k:
            bw[v] *= len(comps[comp_of[v]]) / k
    t_bw = time.perf_counter() - t

    t = time.perf_counter()
    communities = nx.community.louvain_communities(G, seed=seed)
    t_comm = time.perf_counter() - t
    cpu = time.process_time() - cpu
    q = nx.community.modularity(G, communities)

    with open(os.path.join(d, "results.txt"), "w") as f:
        f.write("networkx %s\n" % nx.__version__.split(".")[0])
        f.write("t_build %.6f\n" % t_build)
        f.write("t_components %.6f\nt_degree %.6f\n" % (t_comp, t_deg))
        f.write("t_betweenness %.6f\nt_communities %.6f\n" % (t_bw, t_comm))
        f.write("cpu %.6f\n" % cpu)
        f.write("components %d\nlargest %d\n" % (len(comps), max(len(c) for c in comps)))
        f.write("max_degree %d\nmodularity %.6f\n" % (max(deg.values()), q))
        f.write("n_communities %d\n" % len(communities))
        for v, x in bw.items():
            if x:
                f.write("bw_%d %.9g\n" % (v, x))
    print("  networkx %s: graph built in %.1f s; analysis %.1f s"
          % (nx.__version__, t_build, t_comp + t_deg + t_bw + t_comm))


if __name__ == "__main__":
    main(sys.argv[1])
