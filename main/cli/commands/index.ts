/**
 * Every CLI command, by name. To add one: write commands/<name>.ts exporting a `Command`, and add
 * one line here.
 */
import type { Command } from "../command";
import { checkCommand } from "./check";
import { compareCommand } from "./compare";
import { describeCommand } from "./describe";
import { emmeansCommand } from "./emmeans";
import { fitCommand } from "./fit";
import { jnCommand } from "./jn";
import { ranovaCommand } from "./ranova";
import { reportCommand } from "./report";

export const commands: readonly Command[] = [
  checkCommand,
  compareCommand,
  describeCommand,
  emmeansCommand,
  fitCommand,
  jnCommand,
  ranovaCommand,
  reportCommand,
];
