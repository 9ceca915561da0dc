package org.safercities.diagnosis.sheets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safercities.platform.SharedData;

class XlsFormTest {

    @TempDir
    Path dir;

    @Test
    void rioSurveyCtoFormInXlsx() {
        XlsForm f = XlsForm.read(SharedData.file("surveys/rio_pinkcar_harassment_survey.xlsform.xlsx"));
        System.out.println("Rio: " + f.questions().size() + " questions, " + f.choices().size() + " lists, languages "
                + f.languages());
        assertEquals("rio_pinkcar_survey_final", f.formId());
        assertEquals("english", f.defaultLanguage());
        assertTrue(f.languages().containsAll(List.of("portuguese", "english")), f.languages().toString());
        assertEquals(25, f.choices().size(), f.choices().keySet().toString());
        assertTrue(f.choices().containsKey("yesno"));
        XlsForm.Choice first = f.choices().get("yesno").get(0);
        assertTrue(first.labels().containsKey(""), "the choices sheet has one label column without a language");
        long bilingual = f.questions().stream()
                .filter(q -> q.labels().containsKey("english") && q.labels().containsKey("portuguese")).count();
        assertTrue(bilingual > 100, "bilingual questions: " + bilingual);
        assertTrue(f.questions().stream().anyMatch(q -> q.type().equals("select_one") && q.listName().equals("yesno")));
        assertTrue(f.questions().stream().anyMatch(q -> !q.relevant().isEmpty()), "SurveyCTO's relevance column");
        assertTrue(f.questions().stream().anyMatch(q -> !q.groupPath().isEmpty()), "begin group with a space");
        assertTrue(f.questions().stream().noneMatch(q -> q.type().startsWith("begin") || q.type().startsWith("end ")));
        f.questions().stream().filter(q -> q.type().startsWith("select")).forEach(q ->
                assertTrue(f.choices().containsKey(q.listName()), q.name() + " uses list " + q.listName()));
    }

    /** POI's formula and collection libraries are excluded from the kit (pom.xml): .xls cells read without them. */
    @Test
    void nairobiKoboFormInLegacyXls() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.apache.commons.math3.util.FastMath"));
        assertThrows(ClassNotFoundException.class,
                () -> Class.forName("org.apache.commons.collections4.CollectionUtils"));
        XlsForm f = XlsForm.read(SharedData.file("surveys/nairobi_2021_household_wash.xlsform.xls"));
        System.out.println("Nairobi: " + f.questions().size() + " questions, " + f.choices().size()
                + " lists, languages " + f.languages() + ", id " + f.formId() + ", title " + f.title());
        assertEquals(55, f.questions().stream().filter(q -> q.type().equals("select_one")).count());
        assertEquals(5, f.questions().stream().filter(q -> q.type().equals("select_multiple")).count());
        assertEquals(3, f.questions().stream().filter(q -> q.type().equals("geopoint")).count());
        XlsForm.Question safe = f.questions().stream().filter(q -> q.name().equals("ToiletFacilitySAFE")).findFirst()
                .orElseThrow();
        assertEquals("select_one", safe.type());
        assertTrue(safe.labels().values().iterator().next().startsWith("In general, is it safe"), safe.labels().toString());
        List<String> values = f.choices().get(safe.listName()).stream().map(XlsForm.Choice::value).toList();
        assertTrue(values.containsAll(List.of("Any_time", "During_Day", "Unsafe", "NA")), values.toString());
        assertTrue(f.questions().stream().anyMatch(q -> q.groupPath().contains("/") || !q.groupPath().isEmpty()),
                "begin_group and begin_repeat with underscores");
        f.questions().stream().filter(q -> q.type().startsWith("select")).forEach(q ->
                assertTrue(f.choices().containsKey(q.listName()), q.name() + " uses list " + q.listName()));
    }

    @Test
    void filesThatAreNoFormsAreRefused() throws IOException {
        assertEquals("diagnosis.sheet.notWorkbook",
                assertThrows(SheetProblem.class, () -> XlsForm.read(Files.writeString(dir.resolve("a.csv"), "type,name\n")))
                        .key());
        assertEquals("diagnosis.sheet.noSurvey", assertThrows(SheetProblem.class,
                () -> XlsForm.read(SharedData.file("incidents/sao_paulo_homicides_2017-2022.xlsx"))).key());
        byte[] xls = Files.readAllBytes(SharedData.file("surveys/nairobi_2021_household_wash.xlsform.xls"));
        Path cut = Files.write(dir.resolve("cut.xls"), Arrays.copyOf(xls, xls.length / 3));
        assertEquals("diagnosis.sheet.brokenWorkbook", assertThrows(SheetProblem.class, () -> XlsForm.read(cut)).key());
        assertEquals("diagnosis.sheet.empty",
                assertThrows(SheetProblem.class, () -> XlsForm.read(Files.write(dir.resolve("e.xlsx"), new byte[0]))).key());
    }

    @Test
    void aQuestionStillBuildsWithoutItsRelevance() {
        Map<String, String> labels = Map.of("English (en)", "Age", "Français (fr)", "Âge");
        XlsForm.Question q = new XlsForm.Question("integer", "age", "", labels, "household/member");
        assertEquals("", q.relevant(), "the five-argument constructor keeps working");
    }
}
