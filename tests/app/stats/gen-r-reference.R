calls <- c()
add <- function(expr) calls <<- c(calls, expr)
for (x in c(-38,-20,-8,-5.7,-3,-1.5,-0.7,-0.3,0,0.2,0.6744,1,2,5.6,9,30)) { add(sprintf("pnorm(%s)", x)); add(sprintf("pnorm(%s, lower.tail = FALSE)", x)) }
for (p in c("1e-300","1e-100","1e-20","1e-12","1e-5","0.01","0.07","0.3","0.5","0.8","0.93","0.999")) { add(sprintf("qnorm(%s)", p)); add(sprintf("qnorm(%s, lower.tail = FALSE)", p)) }
for (x in c("1e-300","1e-10","0.1","0.5","1.5","3.7","9.99","10.5","15.3","123.456","1e6","1e20","-0.5","-10.7","-25.25")) add(sprintf("lgamma(%s)", x))
for (x in c("0.1","1.5","10.5","20.2","170.3","-1.3","-10.7")) add(sprintf("gamma(%s)", x))
for (ab in c("0.5, 0.5","2, 3","10, 20","0.1, 50","100, 1000","1e4, 3","1e5, 1e5")) add(sprintf("lbeta(%s)", ab))
for (df in c("0.5","1","1.7","3.3","10","12.75","100","1e5","5e5")) for (t in c("-50","-7","-2.5","-0.1","0","0.3","1.96","4","12","80","1e8")) { add(sprintf("pt(%s, %s)", t, df)); add(sprintf("pt(%s, %s, lower.tail = FALSE)", t, df)) }
for (df in c("1","2.2","4","9.5","30","200","1e4")) for (p in c("1e-20","1e-10","1e-4","0.025","0.3","0.77","0.975","0.9999")) { add(sprintf("qt(%s, %s)", p, df)); add(sprintf("qt(%s, %s, lower.tail = FALSE)", p, df)) }
for (df in c("0.3","1","2","3.5","10","47.2","1000","1e5")) for (x in c("1e-5","0.5","3","10","40","500","2000","1e5")) { add(sprintf("pchisq(%s, %s)", x, df)); add(sprintf("pchisq(%s, %s, lower.tail = FALSE)", x, df)) }
for (df in c("0.5","1","2","5.5","20","300")) for (p in c("1e-20","1e-8","0.001","0.05","0.5","0.95")) { add(sprintf("qchisq(%s, %s)", p, df)); add(sprintf("qchisq(%s, %s, lower.tail = FALSE)", p, df)) }
for (d in c("1, 1","1, 10","2, 7.5","3, 27.3","5.2, 100","10, 3","50, 2000","4, 1.5")) for (x in c("1e-4","0.5","1","2.5","7","30","1e4")) { add(sprintf("pf(%s, %s)", x, d)); add(sprintf("pf(%s, %s, lower.tail = FALSE)", x, d)) }
for (a in c("0.5","2","30")) for (b in c("0.5","3","200")) for (x in c("1e-6","0.2","0.5","0.9","0.999")) { add(sprintf("pbeta(%s, %s, %s)", x, a, b)); add(sprintf("pbeta(%s, %s, %s, lower.tail = FALSE)", x, a, b)) }
for (a in c("0.01","0.5","3","50","1e4")) for (x in c("1e-8","0.1","1","5","49","60","9800","10300")) { add(sprintf("pgamma(%s, %s)", x, a)); add(sprintf("pgamma(%s, %s, lower.tail = FALSE)", x, a)) }
for (nm in c("2","3","5","10","20")) for (df in c("2","3.5","5","10","24.7","60","150","1000","6000","30000")) for (q in c("0.5","1","2.5","3.5","5","8")) { add(sprintf("ptukey(%s, %s, %s)", q, nm, df)); add(sprintf("ptukey(%s, %s, %s, lower.tail = FALSE)", q, nm, df)) }
for (nm in c("2","4","8")) for (df in c("3","12","100")) for (p in c("0.5","0.9","0.95","0.99")) add(sprintf("qtukey(%s, %s, %s)", p, nm, df))
cat("/** Values computed by R 4.2.2 (Debian 12), sprintf(\"%.17g\", <call>); regenerate: Rscript gen-r-reference.R > r-reference.ts */\n")
cat("export const R_REFERENCE: ReadonlyArray<readonly [string, number]> = [\n")
for (cl in calls) { v <- eval(parse(text = cl)); cat(sprintf('  ["%s", %s],\n', cl, if (is.infinite(v)) (if (v > 0) "Infinity" else "-Infinity") else sprintf("%.17g", v))) }
cat("];\n")
