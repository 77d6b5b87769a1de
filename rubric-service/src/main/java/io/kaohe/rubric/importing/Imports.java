package io.kaohe.rubric.importing;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaohe.contracts.rubric.RubricSnapshot;
import io.kaohe.contracts.rubric.UnitTargets;
import io.kaohe.rubric.versions.PersonalFields;
import io.kaohe.support.security.CurrentUser;
import io.kaohe.support.problems.Fault;
import io.kaohe.support.problems.FaultMessages;
import io.kaohe.rubric.roster.Roster;
import io.kaohe.rubric.roster.RosterView;
import io.kaohe.rubric.versions.RubricVersion;
import io.kaohe.rubric.versions.RubricVersions;
import io.kaohe.rubric.versions.VersionContent;
import io.kaohe.support.problems.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

/**
 * Imports and exports in the formats offices have. An import is read whole and checked before
 * anything is written: a file with any fault creates nothing, and the faults are all reported,
 * each located by sheet, row and column. Unknown departments, categories and units are faults,
 * never created on the fly.
 */
@Service
public class Imports {

    private final RubricVersions versions;
    private final Roster roster;
    private final FaultMessages faults;
    private final ObjectMapper json;
    private final long maxBytes;

    Imports(RubricVersions versions, Roster roster, FaultMessages faults, ObjectMapper json,
            @Value("${kaohe.rubric.import.max-bytes}") long maxBytes) {
        this.versions = versions;
        this.roster = roster;
        this.faults = faults;
        this.json = json;
        this.maxBytes = maxBytes;
    }

    long maxBytes() {
        return maxBytes;
    }

    RubricVersion system(MultipartFile file, SystemWorkbook.Header header, String actor) {
        return withWorkbook(file, path -> {
            SystemWorkbook.Result result = SystemWorkbook.read(path, new RosterNames(roster.view()), json, header);
            refuseIfAny(result.faults());
            return create(VersionContent.of(result.snapshot()), actor, "xlsx " + file.getOriginalFilename());
        });
    }

    RubricVersion targets(MultipartFile file, TargetsWorkbook.Header header, String actor) {
        return withWorkbook(file, path -> {
            TargetsWorkbook.Result result = TargetsWorkbook.read(path, new RosterNames(roster.view()), json, header);
            refuseIfAny(result.faults());
            return create(VersionContent.of(result.targets()), actor, "xlsx " + file.getOriginalFilename());
        });
    }

    /** A JSON document: an indicator system (RubricSnapshot) or per-unit targets (UnitTargets, has "units"). */
    RubricVersion json(MultipartFile file, String actor) {
        refuseIfTooLarge(file.getSize());
        VersionContent content;
        try (InputStream in = file.getInputStream()) {
            JsonNode tree = json.readTree(in);
            if (tree == null || !tree.isObject()) {
                throw faults.reject(HttpStatus.BAD_REQUEST, "rubric.import.invalid",
                        List.of(Fault.at("file", "rubric.import.json-unreadable", "not a JSON object")));
            }
            content = tree.has("units")
                    ? VersionContent.of(json.treeToValue(tree, UnitTargets.class))
                    : VersionContent.of(json.treeToValue(tree, RubricSnapshot.class));
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            String location = where == null || where.getLineNr() <= 0 ? "file"
                    : "file!L" + where.getLineNr() + ":C" + where.getColumnNr();
            throw faults.reject(HttpStatus.BAD_REQUEST, "rubric.import.invalid",
                    List.of(Fault.at(location, "rubric.import.json-unreadable", e.getOriginalMessage())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        refuseIfAny(versions.unknownReferences(content, roster.view()));
        return create(content, actor, "json " + file.getOriginalFilename());
    }

    void checkExportable(RubricVersion version, String format) {
        VersionContent content = versions.content(version.id());
        if (!"json".equals(format) && content.system() != null && !SystemWorkbookWriter.fits(content.system())) {
            throw ProblemException.conflict("rubric.export.layout-depth");
        }
    }

    /** Writes the version as the reader may see it: targets' personal fields only for the office and the unit's own. */
    void export(RubricVersion version, String format, RosterView roster, CurrentUser reader, OutputStream out)
            throws IOException {
        VersionContent content = PersonalFields.visibleTo(versions.content(version.id()), reader);
        if ("json".equals(format)) {
            json.writerWithDefaultPrettyPrinter().writeValue(out, content.system() != null ? content.system() : content.targets());
        } else if (content.system() != null) {
            if (!SystemWorkbookWriter.fits(content.system())) {
                throw ProblemException.conflict("rubric.export.layout-depth");
            }
            SystemWorkbookWriter.write(content.system(), roster, json, out);
        } else {
            TargetsWorkbookWriter.write(content.targets(), roster, json, out);
        }
    }

    private RubricVersion create(VersionContent content, String actor, String how) {
        if (content.isEmpty()) {
            throw ProblemException.badRequest("rubric.version.empty");
        }
        return versions.createDraft(content, actor, how);
    }

    interface WorkbookImport<T> {
        T read(Path file) throws SheetRows.NotAWorkbook;
    }

    /** Refuses oversized files before parsing; the upload is read from a temporary file, never held in memory. */
    <T> T withWorkbook(MultipartFile file, WorkbookImport<T> work) {
        refuseIfTooLarge(file.getSize());
        Path temp = null;
        try {
            temp = Files.createTempFile("rubric-import-", ".xlsx");
            try (InputStream in = file.getInputStream()) {
                Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            }
            try {
                return work.read(temp);
            } catch (SheetRows.NotAWorkbook e) {
                throw faults.reject(HttpStatus.BAD_REQUEST, "rubric.import.invalid", List.of(Fault.at("file",
                        e.oldExcel ? "rubric.import.old-xls" : "rubric.import.not-xlsx", file.getOriginalFilename())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a temporary file left behind is removed with the temp folder
                }
            }
        }
    }

    private void refuseIfTooLarge(long size) {
        if (size > maxBytes) {
            throw new ProblemException(HttpStatus.PAYLOAD_TOO_LARGE, "rubric.import.too-large", size, maxBytes);
        }
    }

    private void refuseIfAny(List<Fault> found) {
        if (!found.isEmpty()) {
            throw faults.reject(HttpStatus.BAD_REQUEST, "rubric.import.invalid", found);
        }
    }
}
