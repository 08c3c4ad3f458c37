/**
 * Sample data sets that ship with Mixwell (File → Open sample), copied from the reference data
 * the test suite checks against lme4. Each has a description, the columns to read as categorical
 * (numbers that are really codes, as the reference cases treat them), and a model to try.
 */
import type { ModelFamily } from "../engine/families";
export interface SampleDataSet {
  /** File name in app/samples/data. */
  readonly file: string;
  readonly title: string;
  readonly description: string;
  /** Numeric columns that hold group codes, not quantities. */
  readonly categorical: readonly string[];
  readonly suggestedFormula: string;
  readonly family: ModelFamily;
}

export const SAMPLES: readonly SampleDataSet[] = [
  {
    file: "politeness.csv",
    title: "Politeness and voice pitch",
    description:
      "Winter & Grawunder (2012): six Korean speakers (subject, gender) read out seven scenarios (scenario) once in a polite and once in an informal attitude (attitude); the outcome is the mean voice pitch in Hz (frequency). One recording is missing. This is the data set of Bodo Winter's lme4 tutorial, which asks whether pitch is lower in polite speech once speakers and items are allowed to differ.",
    categorical: ["scenario"],
    suggestedFormula: "frequency ~ attitude + gender + (1 | subject) + (1 | scenario)",
    family: "gaussian",
  },
  {
    file: "sleepstudy.csv",
    title: "Reaction times under sleep deprivation",
    description:
      "Belenky et al. (2003), from lme4: average reaction time (Reaction, ms) of 18 truck drivers (Subject) on each of 10 days (Days 0–9) of restricted sleep, three hours a night. Each subject has their own baseline and their own rate of slowing down. Subject is a code (308, 309, …), so it is read as categorical.",
    categorical: ["Subject"],
    suggestedFormula: "Reaction ~ Days + (Days | Subject)",
    family: "gaussian",
  },
  {
    file: "penicillin.csv",
    title: "Penicillin potency",
    description:
      "From lme4: six samples of penicillin (sample) were each tested on 24 agar plates (plate); the outcome is the diameter (mm) of the zone where bacteria did not grow. Plates and samples are crossed random factors.",
    categorical: [],
    suggestedFormula: "diameter ~ 1 + (1 | plate) + (1 | sample)",
    family: "gaussian",
  },
  {
    file: "pastes.csv",
    title: "Strength of paste",
    description:
      "From lme4 (Davies & Goldsmith 1972): the strength of a chemical paste, two samples from each of three casks (cask) in each of ten delivery batches (batch). Casks are nested within batches, so the model has a variance for batches and one for casks within batches.",
    categorical: [],
    suggestedFormula: "strength ~ 1 + (1 | batch/cask)",
    family: "gaussian",
  },
  {
    file: "cake.csv",
    title: "Breakage angle of chocolate cakes",
    description:
      "From lme4 (Cook 1938): the angle at which a chocolate cake broke (angle), for three recipes (recipe) baked at six temperatures (temperature), with 15 replicates (replicate) of each recipe. Replicate is a code, so it is read as categorical; each batch of batter (recipe × replicate) is a group.",
    categorical: ["replicate"],
    suggestedFormula: "angle ~ recipe * temperature + (1 | recipe:replicate)",
    family: "gaussian",
  },
  {
    file: "cbpp.csv",
    title: "Contagious bovine pleuropneumonia",
    description:
      "From lme4: new cases of the disease (incidence) among the cattle of 15 herds (herd, size = number of animals) in four periods (period) in Ethiopia. A binomial model of the proportion of sick animals, with the herd as a random effect; period is a code, read as categorical.",
    categorical: ["period", "herd"],
    suggestedFormula: "cbind(incidence, size - incidence) ~ period + (1 | herd)",
    family: "binomial",
  },
  {
    file: "grouseticks.csv",
    title: "Ticks on red grouse chicks",
    description:
      "From lme4 (Elston et al. 2001): the number of ticks (TICKS) on the heads of red grouse chicks (INDEX) in broods (BROOD) at locations (LOCATION) of different altitude (HEIGHT, m) in three years (YEAR). A Poisson model of the counts; year, brood and location are codes, read as categorical.",
    categorical: ["YEAR", "BROOD", "LOCATION"],
    suggestedFormula: "TICKS ~ YEAR + HEIGHT + (1 | BROOD) + (1 | LOCATION)",
    family: "poisson",
  },
];
