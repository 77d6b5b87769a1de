package io.kaohe.rubric.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaohe.testsupport.HostileOoxml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every workbook the office imports (systems, targets, roster) is read by SheetRows: hostile XML stays inert. */
class HostileWorkbookTest {

    private static final String STRINGS = "xl/sharedStrings.xml";

    @TempDir
    Path dir;

    @Test
    void neverReadsWhatAnExternalEntityPointsAt() throws Exception {
        Path secret = dir.resolve("secret.txt");
        String marker = "SECRET-" + UUID.randomUUID();
        Files.writeString(secret, marker);
        Path workbook = new Workbooks().sheet("指标").row("一级指标", "分值").save();
        assertThat(cells(workbook).cells()).contains("一级指标");

        Path hostile = HostileOoxml.externalEntity(workbook, STRINGS, secret.toUri().toString());
        assertThat(HostileOoxml.naiveText(hostile, STRINGS)).as("a parser that resolves entities reads the file")
                .contains(marker);

        Read read = cells(hostile);
        assertThat(read.refused() || !read.cells().isEmpty()).as("read or refused, not silently empty").isTrue();
        assertThat(read.cells()).noneMatch(cell -> cell.contains(marker));
    }

    @Test
    void entitiesThatExpandToGigabytesAreRefused() {
        Path workbook = new Workbooks().sheet("指标").row("一级指标", "分值").save();

        Read read = cells(HostileOoxml.entityExpansion(workbook, STRINGS));

        assertThat(read.cells()).allMatch(cell -> cell.length() < 1000);
    }

    record Read(List<String> cells, boolean refused) {
    }

    private static Read cells(Path workbook) {
        List<String> cells = new ArrayList<>();
        try {
            SheetRows.read(workbook, new SheetRows.Visitor() {
                @Override
                public void sheet(String name) {
                }

                @Override
                public void row(SheetRows.Row row) {
                    cells.addAll(row.cells().values());
                }

                @Override
                public void endSheet() {
                }
            });
            return new Read(cells, false);
        } catch (SheetRows.NotAWorkbook refused) {
            return new Read(cells, true);
        }
    }
}
