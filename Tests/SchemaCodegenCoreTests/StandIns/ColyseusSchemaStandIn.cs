// A minimal stand-in of the Colyseus Unity/C# SDK types that generated C# uses, with their signatures
// (Assets/Colyseus/Runtime/Colyseus/Serializer/Schema: Schema.cs, Types/ArraySchema.cs, Types/MapSchema.cs),
// so that mcs compiles the generated classes without the SDK.
using System;
using System.Collections.Generic;

namespace Colyseus.Schema
{
    [AttributeUsage(AttributeTargets.Field)]
    public class Type : Attribute
    {
        public string ChildPrimitiveType;
        public System.Type ChildType;
        public string FieldType;
        public int Index;

        public Type(int index, string type, System.Type childType = null, string childPrimitiveType = null)
        {
            Index = index;
            FieldType = type;
            ChildType = childType;
            ChildPrimitiveType = childPrimitiveType;
        }
    }

    public class Schema
    {
        public Schema() { }
    }

    public class ArraySchema<T>
    {
        public List<T> items = new List<T>();
        public ArraySchema() { }
    }

    public class MapSchema<T>
    {
        public Dictionary<string, T> items = new Dictionary<string, T>();
        public MapSchema() { }
    }
}
