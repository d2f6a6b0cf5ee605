/**
 * Position solvers: {@link dev.inventory.rtls.solve.TwrSolver} (two-way ranging, 2.5D and 3D, robust), results in
 * {@link dev.inventory.rtls.solve.Fix}, rejection reasons in {@link dev.inventory.rtls.solve.SolveStatus}.
 */
package dev.inventory.rtls.solve;
