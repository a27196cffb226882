// What a room author needs comes with `import ColyseusServer`.
@_exported import ColyseusProtocol
@_exported import MessagePack
