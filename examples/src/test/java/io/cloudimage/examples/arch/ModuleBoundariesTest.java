package io.cloudimage.examples.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module and package rules of DESIGN.md, checked on the compiled classes of every module. */
class ModuleBoundariesTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.cloudimage");
  }

  @Test
  void everyModuleIsImported() {
    for (String type :
        new String[] {
          "io.cloudimage.core.local.LocalProvider", "io.cloudimage.examples.cli.CloudImageCli"
        }) {
      org.assertj.core.api.Assertions.assertThat(classes.contain(type)).as(type).isTrue();
    }
  }

  @Test
  void coreDependsOnNoOtherModuleAndNoCloudSdk() {
    noClasses()
        .that()
        .resideInAPackage("io.cloudimage.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.cloudimage.security..",
            "io.cloudimage.aws..",
            "io.cloudimage.aliyun..",
            "io.cloudimage.bench..",
            "io.cloudimage.examples..",
            "software.amazon..",
            "com.aliyuncs..",
            "org.bouncycastle..")
        .check(classes);
  }

  @Test
  void noModuleReachesIntoAnotherModulesInternals() {
    java.util.Set<String> modulesWithInternals = new java.util.TreeSet<>();
    for (com.tngtech.archunit.core.domain.JavaClass c : classes) {
      String pkg = c.getPackageName();
      if (pkg.contains(".internal")) {
        modulesWithInternals.add(pkg.split("\\.")[2]);
      }
    }
    org.assertj.core.api.Assertions.assertThat(modulesWithInternals).contains("security");
    for (String module : modulesWithInternals) {
      noClasses()
          .that()
          .resideOutsideOfPackage("io.cloudimage." + module + "..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.cloudimage." + module + "..internal..")
          .check(classes);
    }
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching("io.cloudimage.(**)").should().beFreeOfCycles().check(classes);
  }
}
