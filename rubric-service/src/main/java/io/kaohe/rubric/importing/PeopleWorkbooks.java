package io.kaohe.rubric.importing;

import io.kaohe.rubric.problems.CappedFaults;
import io.kaohe.rubric.problems.FaultMessages;
import io.kaohe.rubric.roster.Contact;
import io.kaohe.rubric.roster.Roster;
import io.kaohe.rubric.roster.RosterDocument;
import io.kaohe.support.problems.ProblemException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

/**
 * Workbooks of people for the accounts: reading one in the roster's 联系人 layout (each person's
 * unit or department must be in the roster, every fault located), and writing a plain sheet,
 * e.g. the one-time list of new accounts and their temporary passwords for the office to hand out.
 */
@Service
public class PeopleWorkbooks {

    private final Imports imports;
    private final Roster roster;
    private final FaultMessages faults;

    PeopleWorkbooks(Imports imports, Roster roster, FaultMessages faults) {
        this.imports = imports;
        this.roster = roster;
        this.faults = faults;
    }

    /** The people of the workbook's 联系人 sheet; 400 with every fault located, or without that sheet. */
    public List<Contact> read(MultipartFile file) {
        RosterDocument current = roster.document();
        RosterWorkbook.Result result = imports.withWorkbook(file, path -> RosterWorkbook.read(path, current));
        CappedFaults found = result.faults();
        if (found.isEmpty() && !result.document().has(RosterDocument.Part.CONTACTS)) {
            found.add("file", "rubric.accounts.no-people-sheet", RosterSheets.CONTACTS);
        }
        if (!found.isEmpty()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "rubric.roster.import.invalid",
                    faults.localize(found.listed()), found.count());
        }
        return result.document().contacts();
    }

    /** One sheet: a bold header row, then the rows; text written safe against formula injection. */
    public static void write(String sheetName, List<String> headers, List<List<String>> rows, OutputStream out)
            throws IOException {
        SXSSFWorkbook workbook = new SXSSFWorkbook(200);
        try {
            SafeText text = new SafeText(workbook);
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            Sheet sheet = workbook.createSheet(sheetName);
            Row header = sheet.createRow(0);
            for (int c = 0; c < headers.size(); c++) {
                text.set(header, c, headers.get(c), bold);
                sheet.setColumnWidth(c, 20 * 256);
            }
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r + 1);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    text.set(row, c, rows.get(r).get(c));
                }
            }
            workbook.write(out);
        } finally {
            workbook.dispose();
            workbook.close();
        }
    }
}
