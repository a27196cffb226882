// A server author needs only `import ColyseusHummingbird`.
@_exported import ColyseusServer
