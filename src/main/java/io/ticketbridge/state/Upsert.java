package io.ticketbridge.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Insert a row, or update the given columns of the row with its key, in one statement: a SQL-standard {@code MERGE}
 * on H2, {@code INSERT … ON CONFLICT … DO UPDATE} on PostgreSQL (whose MERGE arrived only in version 15). A row is
 * given as its values in the order key columns, updated columns, then the columns only a new row gets (such as a
 * creation time an update must keep).
 */
final class Upsert {
    private final int keys;
    private final int updated;
    private final String merge;
    private final String onConflict;

    Upsert(String table, List<String> keyColumns, List<String> updatedColumns, List<String> insertOnlyColumns) {
        this.keys = keyColumns.size();
        this.updated = updatedColumns.size();
        List<String> all = new ArrayList<>(keyColumns);
        all.addAll(updatedColumns);
        all.addAll(insertOnlyColumns);
        String columns = String.join(", ", all);
        String values = String.join(", ", all.stream().map(c -> "?").toList());
        this.merge = "MERGE INTO " + table + " USING (VALUES (1)) one ON "
                + String.join(" AND ", keyColumns.stream().map(c -> c + " = ?").toList())
                + " WHEN MATCHED THEN UPDATE SET " + String.join(", ", updatedColumns.stream().map(c -> c + " = ?").toList())
                + " WHEN NOT MATCHED THEN INSERT (" + columns + ") VALUES (" + values + ")";
        this.onConflict = "INSERT INTO " + table + " (" + columns + ") VALUES (" + values + ") ON CONFLICT ("
                + String.join(", ", keyColumns) + ") DO UPDATE SET "
                + String.join(", ", updatedColumns.stream().map(c -> c + " = EXCLUDED." + c).toList());
    }

    String sql(boolean postgres) {
        return postgres ? onConflict : merge;
    }

    /** The statement's parameters for {@code row}: MERGE names the key and the updated values once more. */
    Object[] args(boolean postgres, Object[] row) {
        if (postgres) return row;
        Object[] out = Arrays.copyOf(row, keys + updated + row.length);
        System.arraycopy(row, 0, out, keys + updated, row.length);
        return out;
    }
}
