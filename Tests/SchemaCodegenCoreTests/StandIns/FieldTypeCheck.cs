// Checks every [Type] field of the compiled schema classes the way the SDK's decoder uses it: it assigns
// the value its decoder produces for the attribute's type string (Utils/Decode.cs: "number" is a float,
// "int64" a long, ...) to the field by reflection, and creates children and collections from the
// attribute's childType. Prints the number of fields checked; exits with 1 on the first mismatch.
using System;
using System.Collections.Generic;
using System.Reflection;

public static class FieldTypeCheck
{
    static readonly Dictionary<string, Type> decoded = new Dictionary<string, Type> {
        { "string", typeof(string) }, { "number", typeof(float) }, { "boolean", typeof(bool) },
        { "int8", typeof(sbyte) }, { "uint8", typeof(byte) }, { "int16", typeof(short) }, { "uint16", typeof(ushort) },
        { "int32", typeof(int) }, { "uint32", typeof(uint) }, { "int64", typeof(long) }, { "uint64", typeof(ulong) },
        { "float32", typeof(float) }, { "float64", typeof(double) },
    };

    public static int Main()
    {
        int checkedFields = 0;
        foreach (Type type in Assembly.GetExecutingAssembly().GetTypes())
        {
            if (!type.IsSubclassOf(typeof(Colyseus.Schema.Schema))) continue;
            Activator.CreateInstance(type);
            var indexes = new HashSet<int>();
            foreach (FieldInfo field in type.GetFields(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                var attribute = (Colyseus.Schema.Type)Attribute.GetCustomAttribute(field, typeof(Colyseus.Schema.Type));
                if (attribute == null) return Fail(type, field, "has no [Type]");
                if (!indexes.Add(attribute.Index)) return Fail(type, field, "repeats index " + attribute.Index);
                string problem = Check(attribute, field.FieldType);
                if (problem != null) return Fail(type, field, problem);
                checkedFields++;
            }
        }
        Console.WriteLine("checked " + checkedFields + " fields");
        return 0;
    }

    static string Check(Colyseus.Schema.Type attribute, Type fieldType)
    {
        switch (attribute.FieldType)
        {
            case "ref":
                if (attribute.ChildType != fieldType) return "ref childType " + attribute.ChildType + " is not the field type";
                if (!fieldType.IsSubclassOf(typeof(Colyseus.Schema.Schema))) return "ref field is no Schema";
                return null;
            case "array":
            case "map":
                Type generic = attribute.FieldType == "array" ? typeof(Colyseus.Schema.ArraySchema<>) : typeof(Colyseus.Schema.MapSchema<>);
                if (attribute.ChildType != fieldType) return "collection childType " + attribute.ChildType + " is not the field type";
                if (!fieldType.IsGenericType || fieldType.GetGenericTypeDefinition() != generic) return "field is no " + generic.Name;
                Type element = fieldType.GetGenericArguments()[0];
                if (attribute.ChildPrimitiveType == null)
                    return element.IsSubclassOf(typeof(Colyseus.Schema.Schema)) ? null : "element " + element + " needs a primitive type name";
                Type decodedElement;
                if (!decoded.TryGetValue(attribute.ChildPrimitiveType, out decodedElement)) return "unknown element type " + attribute.ChildPrimitiveType;
                return decodedElement == element ? null : "element " + element + " cannot hold a decoded " + attribute.ChildPrimitiveType;
            default:
                Type value;
                if (!decoded.TryGetValue(attribute.FieldType, out value)) return "the SDK cannot decode '" + attribute.FieldType + "'";
                if (attribute.ChildType != null) return "primitive field with a childType";
                return value == fieldType ? null : fieldType + " cannot hold a decoded " + attribute.FieldType;
        }
    }

    static int Fail(Type type, FieldInfo field, string problem)
    {
        Console.WriteLine(type.FullName + "." + field.Name + ": " + problem);
        return 1;
    }
}
