// The benchmark's Kuzu side (the npm package `kuzu`, installed by scripts/bench.sh into a scratch
// folder given as KUZU_MODULES). Same CSV files, same pairs, undirected matches.
//
//   node kuzu_peer.js load DB DATA          build DB from DATA/nodes.csv and edges.csv
//   node kuzu_peer.js warm DB DATA HUB REPS  the 100 pairs REPS times
//   node kuzu_peer.js neighbors DB HUB REPS  the hub's 2-hop neighbourhood size, REPS times
//   node kuzu_peer.js path DB A B            one shortest path, as a whole process (cold)
//   node kuzu_peer.js query DB CYPHER REPS   a query REPS times in one connection: rows, times
// Prints one JSON object.
const path = require("path");
const fs = require("fs");
const kuzu = require(path.join(process.env.KUZU_MODULES || "node_modules", "kuzu"));

const SHORTEST =
  "MATCH p = (a:N)-[:E* SHORTEST 1..30]-(b:N) WHERE a.id = $a AND b.id = $b RETURN length(p) AS hops";

async function hops(conn, statement, a, b) {
  if (a === b) return 0;
  const result = await conn.execute(statement, { a, b });
  const rows = await result.getAll();
  return rows.length ? Number(rows[0].hops) : -1;
}

async function main() {
  const [mode, dbPath, ...rest] = process.argv.slice(2);
  const out = { lib: "kuzu", version: kuzu.VERSION || null };
  if (mode === "load") {
    const [data] = rest;
    fs.rmSync(dbPath, { recursive: true, force: true });
    const started = process.hrtime.bigint();
    const db = new kuzu.Database(dbPath);
    const conn = new kuzu.Connection(db);
    await conn.query("CREATE NODE TABLE N(id STRING, type STRING, name STRING, PRIMARY KEY(id))");
    await conn.query("CREATE REL TABLE E(FROM N TO N, type STRING, date STRING)");
    await conn.query(`COPY N FROM '${path.resolve(data, "nodes.csv")}' (HEADER=true)`);
    await conn.query(`COPY E FROM '${path.resolve(data, "edges.csv")}' (HEADER=true)`);
    out.load_s = Number(process.hrtime.bigint() - started) / 1e9;
    await db.close();
  } else if (mode === "warm") {
    const [data, hub, reps] = rest;
    const db = new kuzu.Database(dbPath);
    const conn = new kuzu.Connection(db);
    const statement = await conn.prepare(SHORTEST);
    const pairs = fs.readFileSync(path.join(data, "pairs.txt"), "utf8").trim().split("\n")
      .map((line) => line.split(" "));
    out.path_runs = [];
    for (let r = 0; r < Number(reps); ++r) {
      const run = [];
      for (const [a, b] of pairs) {
        const started = process.hrtime.bigint();
        const h = await hops(conn, statement, a, b);
        run.push([h, Number(process.hrtime.bigint() - started) / 1e3]);
      }
      out.path_runs.push(run);
    }
    await db.close();
  } else if (mode === "neighbors") {
    const [hub, reps] = rest;
    const db = new kuzu.Database(dbPath, 0, true, true);
    const conn = new kuzu.Connection(db);
    const around = await conn.prepare(
      "MATCH (a:N)-[:E*1..2]-(b:N) WHERE a.id = $id RETURN count(DISTINCT b) AS n");
    const times = [];
    for (let r = 0; r < Number(reps); ++r) {
      const started = process.hrtime.bigint();
      const rows = await (await conn.execute(around, { id: hub })).getAll();
      times.push(Number(process.hrtime.bigint() - started) / 1e9);
      out.neighbors_count = Number(rows[0].n) + 1;  // with the hub itself, as the others count
    }
    times.sort((x, y) => x - y);
    out.neighbors_s = times[Math.floor(times.length / 2)];
    await db.close();
  } else if (mode === "path") {
    const [a, b] = rest;
    const db = new kuzu.Database(dbPath, 0, true, true);  // read-only
    const conn = new kuzu.Connection(db);
    out.hops = await hops(conn, await conn.prepare(SHORTEST), a, b);
    await db.close();
  } else if (mode === "query") {
    const [cypher, reps] = rest;
    const db = new kuzu.Database(dbPath, 0, true, true);  // read-only
    const conn = new kuzu.Connection(db);
    out.query_runs_s = [];
    for (let r = 0; r < Number(reps); ++r) {
      const started = process.hrtime.bigint();
      const rows = await (await conn.query(cypher)).getAll();
      out.query_runs_s.push(Number(process.hrtime.bigint() - started) / 1e9);
      out.rows = rows.map((row) => Object.values(row).map((v) => (typeof v === "bigint" ? Number(v) : v)));
    }
    await db.close();
  } else {
    throw new Error("mode: load, warm, neighbors, path or query");
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch((e) => {
  console.error(e.stack || String(e));
  process.exit(1);
});
