// The DemoState module: Swift classes generated at build time by SchemaCodegenPlugin from the
// .schema files of this folder. schema-codegen writes the same classes to Generated/ for reading.
@_exported import ColyseusSchema
