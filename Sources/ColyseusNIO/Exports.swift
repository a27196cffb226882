// A server author needs only `import ColyseusNIO`.
@_exported import ColyseusServer
