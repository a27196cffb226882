// What a game client needs comes with `import ColyseusClient`: message types, MessagePack values and
// the schema runtime its generated state classes use.
@_exported import ColyseusProtocol
@_exported import ColyseusSchema
@_exported import MessagePack
