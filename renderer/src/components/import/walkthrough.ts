/**
 * The politeness walk-through shown in the Open sample dialog: the steps of Bodo Winter's lme4
 * tutorial (Winter 2013, "Linear models and linear mixed effects models in R") as done in Mixwell,
 * each doable with the mouse or the keyboard alone.
 */
export interface WalkthroughStep {
  readonly title: string;
  readonly text: string;
}

export const POLITENESS_STEPS: readonly WalkthroughStep[] = [
  {
    title: "Open the data",
    text: "Press “Open politeness and start” below. The table has one row per recording: the speaker (subject, gender), the scenario read out, the attitude (inf = informal, pol = polite) and the mean pitch in Hz (frequency).",
  },
  {
    title: "Choose the outcome",
    text: "In the Model region (Ctrl+2), select the variable frequency and press “Set as outcome”. The outcome is what the model explains.",
  },
  {
    title: "Add the fixed effects",
    text: "Select attitude and gender and press “Add to fixed effects”. Their estimates say how much pitch differs between polite and informal speech, and between women and men.",
  },
  {
    title: "Add the random effects",
    text: "Select subject and scenario and press “Add as grouping factor”. Each speaker and each scenario gets its own baseline pitch, so repeated recordings of one speaker are not counted as independent.",
  },
  {
    title: "Fit",
    text: "Press Fit model (or Ctrl+Enter). With “Update results automatically” on, the results follow each change by themselves.",
  },
  {
    title: "Read the results",
    text: "In Results (Ctrl+3), the Fixed effects row “attitudepol” is how many Hz lower polite speech is, with its 95% confidence interval and p value. The Random effects table says how much speakers and scenarios vary. “What is this?” beside each table explains it in plain words.",
  },
  {
    title: "Try a random slope",
    text: "Under the group subject, tick the random slope of attitude: each speaker may then change pitch by a different amount when polite. The results update; compare the two models in the Comparison tab.",
  },
];
