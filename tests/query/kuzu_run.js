// The Kuzu side of the query differential test (tests/query/kuzu_diff.py prepares its input).
//
//   node kuzu_run.js KUZU_DB_DIR LOAD_JSON QUERIES_JSON OUT_JSON
//
// KUZU_DB_DIR  the path of a fresh Kuzu database (removed first, with its .wal, if it exists)
// LOAD_JSON    {"node_tables": [{"name", "columns": [{"name", "type"}], "rows": [{column: value}]}],
//               "rel_tables":  [{"name", "pairs": [[FROM, TO]], "columns": [...],
//                                "rows": [{"from", "from_type", "to", "to_type", "props": {}}]}]}
// QUERIES_JSON a list of Cypher strings
// OUT_JSON     {"version", "load_s", "results": [{"columns": [...], "rows": [[...]]} or {"error"}]}
//
// Values are normalised as ergraph prints them: a node as {"id", "type", "name"}, a relationship
// as {"type", "from", "to", "date"} (endpoint ids are the nodes' `id` property), a path as
// {"nodes": [...], "relationships": [...]}. The kuzu package is looked for in $KUZU_MODULES.
"use strict";
const path = require("path");
const fs = require("fs");

const QUERY_TIMEOUT_MS = 20000;

function loadKuzu() {
  const where = path.join(process.env.KUZU_MODULES || ".", "node_modules", "kuzu");
  return require(where);
}

/** Quotes an identifier (a table or column name) for Kuzu DDL and DML. */
function ident(name) {
  return "`" + String(name).replace(/`/g, "``") + "`";
}

/** A Kuzu literal for a JSON value of a column of the given type (null when absent). */
function literal(value, type) {
  if (value === null || value === undefined) return `CAST(NULL AS ${type})`;
  if (type.endsWith("[]")) {
    const inner = type.slice(0, -2);
    return `CAST([${value.map((v) => literal(v, inner)).join(", ")}] AS ${type})`;
  }
  if (type === "STRING") {
    return "'" + String(value).replace(/\\/g, "\\\\").replace(/'/g, "\\'") + "'";
  }
  if (type === "BOOLEAN") return value ? "true" : "false";
  if (type === "DOUBLE") return `CAST(${Number(value)} AS DOUBLE)`;
  throw new Error(`unsupported column type ${type}`);
}

async function run(conn, statement) {
  const result = await conn.query(statement);
  return Array.isArray(result) ? result[result.length - 1] : result;
}

/** Creates the tables and inserts every node and relationship. */
async function load(conn, spec) {
  for (const table of spec.node_tables) {
    const cols = table.columns.map((c) => `${ident(c.name)} ${c.type}`).join(", ");
    await run(conn, `CREATE NODE TABLE ${ident(table.name)}(${cols}, PRIMARY KEY(${ident("id")}))`);
  }
  for (const table of spec.rel_tables) {
    const pairs = table.pairs.map(([a, b]) => `FROM ${ident(a)} TO ${ident(b)}`).join(", ");
    const cols = table.columns.map((c) => `, ${ident(c.name)} ${c.type}`).join("");
    await run(conn, `CREATE REL TABLE ${ident(table.name)}(${pairs}${cols}, MANY_MANY)`);
  }
  for (const table of spec.node_tables) {
    for (const row of table.rows) {
      const props = table.columns.filter((c) => row[c.name] !== null && row[c.name] !== undefined)
        .map((c) => `${ident(c.name)}: ${literal(row[c.name], c.type)}`).join(", ");
      await run(conn, `CREATE (:${ident(table.name)} {${props}})`);
    }
  }
  for (const table of spec.rel_tables) {
    for (const row of table.rows) {
      const props = table.columns.filter((c) => row.props[c.name] !== null &&
                                                row.props[c.name] !== undefined)
        .map((c) => `${ident(c.name)}: ${literal(row.props[c.name], c.type)}`).join(", ");
      await run(conn,
        `MATCH (a:${ident(row.from_type)}), (b:${ident(row.to_type)}) ` +
        `WHERE a.id = ${literal(row.from, "STRING")} AND b.id = ${literal(row.to, "STRING")} ` +
        `CREATE (a)-[:${ident(table.name)} {${props}}]->(b)`);
    }
  }
}

/** Maps Kuzu's internal node ids ("table:offset") to the nodes' `id` properties. */
async function nodeIds(conn) {
  const ids = new Map();
  const rows = await (await run(conn, "MATCH (n) RETURN n")).getAll();
  for (const { n } of rows) ids.set(`${n._id.table}:${n._id.offset}`, n.id);
  return ids;
}

function isNode(v) {
  return v && typeof v === "object" && "_label" in v && "_id" in v && !("_src" in v);
}

function isRel(v) {
  return v && typeof v === "object" && "_src" in v && "_dst" in v && "_label" in v;
}

function isPath(v) {
  return v && typeof v === "object" && "_nodes" in v && "_rels" in v;
}

/** Converts one Kuzu value to the JSON ergraph prints (see the header). */
function normalise(v, ids) {
  if (v === null || v === undefined) return null;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (Array.isArray(v)) return v.map((x) => normalise(x, ids));
  if (isPath(v)) return normalisePath(v, ids);
  if (isRel(v)) {
    return {
      type: v._label,
      from: ids.get(`${v._src.table}:${v._src.offset}`),
      to: ids.get(`${v._dst.table}:${v._dst.offset}`),
      date: v.date === undefined ? null : v.date,
    };
  }
  if (isNode(v)) return { id: v.id, type: v._label, name: v.name === undefined ? null : v.name };
  if (typeof v === "object") {
    const out = {};
    for (const [k, x] of Object.entries(v)) out[k] = normalise(x, ids);
    return out;
  }
  return String(v);
}

/**
 * A path value. A named path's `_nodes` run from its first node to its last; a variable-length
 * relationship variable's list only the nodes between its ends, and it is, as in openCypher,
 * the list of its relationships.
 */
function normalisePath(v, ids) {
  const rels = v._rels.map((r) => normalise(r, ids));
  if (v._nodes.length !== rels.length + 1) return rels;
  return { nodes: v._nodes.map((n) => normalise(n, ids)), relationships: rels };
}

async function main() {
  const [dbDir, loadJson, queriesJson, outJson] = process.argv.slice(2);
  if (!outJson) throw new Error("usage: node kuzu_run.js KUZU_DB_DIR LOAD_JSON QUERIES_JSON OUT_JSON");
  const kuzu = loadKuzu();
  const spec = JSON.parse(fs.readFileSync(loadJson, "utf8"));
  const queries = JSON.parse(fs.readFileSync(queriesJson, "utf8"));
  // Kuzu 0.11 keeps a database in one file with a write-ahead log beside it.
  for (const suffix of ["", ".wal", ".shadow", ".lock", ".tmp"]) {
    fs.rmSync(dbDir + suffix, { recursive: true, force: true });
  }
  const db = new kuzu.Database(dbDir);
  const conn = new kuzu.Connection(db);
  const started = process.hrtime.bigint();
  await load(conn, spec);
  const loadSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const ids = await nodeIds(conn);
  conn.setQueryTimeout(QUERY_TIMEOUT_MS);
  const results = [];
  for (const query of queries) {
    try {
      const result = await run(conn, query);
      const columns = result.getColumnNamesSync();
      const rows = (await result.getAll()).map(
        (row) => columns.map((c) => normalise(row[c], ids)));
      results.push({ columns, rows });
    } catch (e) {
      results.push({ error: String(e.message || e).split("\n")[0] });
    }
  }
  fs.writeFileSync(outJson, JSON.stringify({ version: kuzu.VERSION || null, load_s: loadSeconds,
                                             results }));
  // Closing the database from Node after queries can crash in Kuzu 0.11 (segfault at exit);
  // everything is written, so leave without closing.
  process.exit(0);
}

main().catch((e) => {
  console.error(e.stack || String(e));
  process.exit(1);
});
