import { describe, expect, it } from "vitest";
import { cellSql } from "./cell-sql";
import { CASE_CONTEXT } from "./operator-cases";
import { resolveView, shapeOf } from "./query";
import { aggregateQuery, groupRowsQuery, rowsQuery } from "./sql";
import { aggregateTerms, isViewIndex, orderTerms, viewIndexes } from "./sql-terms";
import { defaultView, type ViewDefinition } from "./view";
import { TABLE } from "./view-arbitraries";

const view = (patch: Partial<ViewDefinition>): ViewDefinition => ({ ...defaultView(TABLE), id: "v", name: "V", ...patch });
const grouped = view({ group: { fieldId: "city", part: "state" }, sorts: [{ fieldId: "gift", descending: true }], summaries: [{ fieldId: "gift", kind: "sum" }, { fieldId: "num", kind: "max" }] });
const columns = (sql: string) => /^ON records \((.*)\) WHERE deleted_at IS NULL$/.exec(sql)![1]!;

describe("a view's indexes repeat its SQL's expressions", () => {
  it("one in the rows' order, one with every group key and summarised value, one per lookup", () => {
    const lookup = cellSql("inst", "").value;
    const [order, aggregate, looked, ...rest] = viewIndexes(shapeOf(grouped, TABLE), [lookup]);
    expect(rest).toEqual([]);
    for (const index of [order!, aggregate!, looked!]) expect(isViewIndex(index.name)).toBe(true);
    // Each column of an index appears, qualified, in the query it serves.
    const resolved = resolveView(grouped, TABLE, CASE_CONTEXT);
    const qualified = (sql: string) => sql.replace(/json_extract\(cells,/g, "json_extract(records.cells,");
    const rows = rowsQuery(resolved, { offset: 0, limit: 50 }).sql;
    const orderBy = rows.slice(rows.indexOf(" ORDER BY "));
    expect(columns(order!.sql).startsWith("table_id, CASE WHEN")).toBe(true);
    expect(columns(order!.sql).endsWith(`json_extract(cells, '$."gift".k') DESC, seq, ${lookup}`)).toBe(true);
    for (const term of orderTerms(resolved, "")) {
      expect(columns(order!.sql)).toContain(term.descending ? `${term.sql} DESC` : term.sql);
      expect(orderBy).toContain(`${qualified(term.sql).replace(/^seq$/, "records.seq")} ${term.descending ? "DESC" : "ASC"}`);
    }
    const groups = aggregateQuery(resolved).sql;
    for (const column of columns(aggregate!.sql).split(/, (?=json_extract|CASE)/).slice(1)) expect(groups).toContain(qualified(column));
    expect(columns(aggregate!.sql)).toContain(`json_extract(cells, '$."gift".value.currency')`);
    expect(columns(looked!.sql)).toBe(`table_id, ${lookup}`);
  });

  it("a level by each option of a multiple choice (joined) gets no order or group index; its totals and lookups still do", () => {
    const lookup = cellSql("inst", "").value;
    const each = view({ group: { fieldId: "also", part: null }, sorts: [{ fieldId: "gift", descending: true }], summaries: [{ fieldId: "gift", kind: "sum" }] });
    const totals = aggregateTerms({ groups: [], summaries: shapeOf(each, TABLE).summaries }, "");
    // The totals first (GROUP BY currency reads them in order), then the level's "not
    // understood", then what the join and the WHERE read of a record: covering.
    const indexes = viewIndexes(shapeOf(each, TABLE), [lookup]);
    expect(indexes.map((i) => columns(i.sql))).toEqual([`table_id, ${[totals.currency, totals.fields[0]!.filled, totals.fields[0]!.invalid, totals.fields[0]!.number, cellSql("also", "").invalid, "id", "deleted_at"].join(", ")}`, `table_id, ${lookup}`]);
    // The view's own SQL joins the elements and finds a group by its element; its GROUP BY
    // reads the records through the totals index only when the object has it.
    const resolved = resolveView(each, TABLE, CASE_CONTEXT);
    expect(aggregateQuery(resolved).sql).toContain("LEFT JOIN json_each(records.cells");
    expect(aggregateQuery(resolved).sql).not.toContain("INDEXED BY");
    expect(aggregateQuery({ ...resolved, indexes: new Set([indexes[1]!.name]) }).sql).not.toContain("INDEXED BY");
    expect(aggregateQuery({ ...resolved, indexes: new Set(indexes.map((i) => i.name)) }).sql).toContain(`FROM records INDEXED BY "${indexes[0]!.name}" LEFT JOIN`);
    expect(groupRowsQuery(resolved, [{ kind: 0, key: "c1" }], { fromEnd: false, skip: 0, limit: 50 }).sql).toContain("ifnull(e0.value, '') = ?");
  });

  it("sorts links by the linked records' names, which no index holds; by their ids without a name field", () => {
    const byLink = view({ sorts: [{ fieldId: "pals", descending: false }] });
    const named = shapeOf(byLink, TABLE, () => "name");
    expect(named.sorts[0]?.names).toBe("name");
    expect(viewIndexes(named, [])).toEqual([]);
    const resolved = resolveView(byLink, TABLE, { ...CASE_CONTEXT, nameField: () => "name" });
    expect(rowsQuery(resolved, { offset: 0, limit: 50 }).sql).toContain(`group_concat(json_extract(n.cells, '$."name".k'), '' ORDER BY j.key)`);
    expect(viewIndexes(shapeOf(byLink, TABLE), [])).toHaveLength(1);
    // A name field that is no Trove id never reaches SQL: links then order by id.
    expect(shapeOf(byLink, TABLE, () => "x'; --").sorts[0]?.names).toBeUndefined();
  });

  it("is named by its columns: the same shape gives the same names, another shape others", () => {
    const names = (v: ViewDefinition) => viewIndexes(shapeOf(v, TABLE), []).map((i) => i.name);
    expect(names(grouped)).toEqual(names({ ...grouped, id: "other", name: "Other" }));
    expect(names(view({ ...grouped, sorts: [{ fieldId: "gift", descending: false }] }))[0]).not.toBe(names(grouped)[0]);
    expect(names(view({}))).toEqual([]);
    expect(isViewIndex("vx_0123456789abcdef")).toBe(true);
    expect(isViewIndex('vx_0123"; DROP TABLE records; --')).toBe(false);
  });

  it("finds a page inside a group by the group's keys, empty groups by ''", () => {
    const resolved = resolveView(grouped, TABLE, CASE_CONTEXT);
    const empty = groupRowsQuery(resolved, [{ kind: 1, key: null }], { fromEnd: true, skip: 3, limit: 50 });
    expect(empty.params.slice(-4)).toEqual([1, "", 50, 3]);
    expect(empty.sql).toContain(`ifnull(CASE WHEN`);
    // Backwards: every term of the group's own order flips.
    expect(empty.sql).toMatch(/IS NULL DESC, json_extract\(records\.cells, '\$\."gift"\.k'\) ASC, records\.seq DESC LIMIT/);
  });
});
