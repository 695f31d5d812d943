package org.spiketime4j.distributed;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import org.nd4j.kryo.Nd4jRegistrator;

/**
 * The Kryo registrator for Spark with {@code spark.serializer=org.apache.spark.serializer.KryoSerializer}:
 * ND4J's arrays as {@link Nd4jRegistrator} registers them, and every record (such as the neuron model held by a
 * layer configuration) through Java serialization, since the Kryo of Spark 3.3 cannot write records on Java 17
 * ("can't get field offset on a record class").
 *
 * <pre>
 * --conf spark.serializer=org.apache.spark.serializer.KryoSerializer
 * --conf spark.kryo.registrator=org.spiketime4j.distributed.KryoRegistrator
 * </pre>
 */
public final class KryoRegistrator extends Nd4jRegistrator {

    @Override
    public void registerClasses(Kryo kryo) {
        super.registerClasses(kryo);
        kryo.addDefaultSerializer(Record.class, JavaSerializer.class);
    }
}
