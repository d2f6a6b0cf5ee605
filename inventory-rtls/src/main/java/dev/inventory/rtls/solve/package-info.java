/**
 * Position solvers: {@link dev.inventory.rtls.solve.TwrSolver} (two-way ranging, 2.5D and 3D, robust),
 * {@link dev.inventory.rtls.solve.TdoaSolver} (time difference of arrival on synchronized anchors), results in
 * {@link dev.inventory.rtls.solve.Fix}, rejection reasons in {@link dev.inventory.rtls.solve.SolveStatus}, and
 * {@link dev.inventory.rtls.solve.AnchorHull} for flagging / clipping fixes outside the anchors' hull.
 */
package dev.inventory.rtls.solve;
