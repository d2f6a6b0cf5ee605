/**
 * EPCglobal LLRP 1.0.1 reader client: a garbage-free binary codec ({@link dev.inventory.rfid.llrp.LlrpEncoder},
 * {@link dev.inventory.rfid.llrp.LlrpFrameDecoder} with named {@link dev.inventory.rfid.llrp.LlrpFrameError} rejects),
 * a client that sets a reader up and keeps the link alive ({@link dev.inventory.rfid.llrp.LlrpClient}), the engine
 * adapter ({@link dev.inventory.rfid.llrp.LlrpReaderAdapter}, type "llrp"), a reader simulator for tests and demos
 * ({@link dev.inventory.rfid.llrp.LlrpReaderSimulator}) and the {@code inventory llrp} command
 * ({@link dev.inventory.rfid.llrp.LlrpInventoryCommand}).
 */
package dev.inventory.rfid.llrp;
